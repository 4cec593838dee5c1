using SerKit.Media;

namespace SerKit.Extraction;

/// <summary>Passes an audio stream through and counts its samples.</summary>
internal sealed class CountingAudioStream(IAudioStream inner) : IAudioStream
{
    public long Samples { get; private set; }
    public string Path => inner.Path;
    public int SampleRate => inner.SampleRate;

    public int Read(Span<float> buffer)
    {
        int n = inner.Read(buffer);
        Samples += n;
        return n;
    }

    public void Dispose() => inner.Dispose();
}
