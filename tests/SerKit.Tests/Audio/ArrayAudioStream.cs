using SerKit.Media;

namespace SerKit.Tests.Audio;

/// <summary>An in-memory <see cref="IAudioStream"/> that hands out its samples in reads of varying sizes.</summary>
internal sealed class ArrayAudioStream(float[] samples, int sampleRate, int[] readSizes, string path = "memory.wav") : IAudioStream
{
    private int _position;
    private int _read;

    public string Path => path;

    public int SampleRate => sampleRate;

    public int Read(Span<float> buffer)
    {
        int want = Math.Min(buffer.Length, readSizes[_read++ % readSizes.Length]);
        int n = Math.Min(want, samples.Length - _position);
        samples.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public void Dispose() { }
}
