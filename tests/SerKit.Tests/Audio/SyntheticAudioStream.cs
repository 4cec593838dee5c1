using SerKit.Media;

namespace SerKit.Tests.Audio;

/// <summary>A long signal generated while it is read (a gliding tone plus seeded noise): no memory grows with its length.</summary>
internal sealed class SyntheticAudioStream(long length, int sampleRate = 16000, int seed = 1) : IAudioStream
{
    private readonly Random _random = new(seed);
    private long _position;

    public string Path => "synthetic.wav";

    public int SampleRate => sampleRate;

    public int Read(Span<float> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - _position);
        for (int i = 0; i < n; i++)
        {
            double t = (double)(_position + i) / sampleRate;
            double hz = 150 + 100 * Math.Sin(2 * Math.PI * t / 7.0);
            buffer[i] = (float)(0.3 * Math.Sin(2 * Math.PI * hz * t) + 0.05 * (_random.NextDouble() - 0.5));
        }
        _position += n;
        return n;
    }

    public void Dispose() { }
}
