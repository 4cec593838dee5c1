using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

public sealed class WavRoundTripTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 0.5 / 32768)]
    [InlineData(WavSampleFormat.Pcm24, 0.5 / 8388608)]
    [InlineData(WavSampleFormat.Pcm32, 1e-7)]
    [InlineData(WavSampleFormat.Float32, 0.0)]
    public void Round_trip_keeps_samples_within_half_a_step(WavSampleFormat format, double tolerance)
    {
        var x = Signals.Sine(440, 16000, 16000, amplitude: 0.9);
        x[10] = 1f;      // clips to the largest positive code for integer formats
        x[11] = -1f;
        var path = Path.Combine(_dir, $"{format}.wav");
        WavFile.Write(path, x, 16000, format);

        var y = AudioDecoder.ReadAll(path);
        Assert.Equal(x.Length, y.Length);
        x[10] = format == WavSampleFormat.Float32 ? 1f : y[10];
        Assert.True(y[10] > 0.9999f);
        Assert.True(Signals.MaxAbsDiff(x, y) <= tolerance + 1e-9, $"max diff {Signals.MaxAbsDiff(x, y)}");
        long expectedBytes = 44 + x.Length * (format switch { WavSampleFormat.Pcm16 => 2, WavSampleFormat.Pcm24 => 3, _ => 4 });
        Assert.Equal(expectedBytes, new FileInfo(path).Length);
    }

    [Fact]
    public void Open_reports_rate_and_streams_in_small_reads()
    {
        var x = Signals.Sine(1000, 16000, 5000);
        var path = Path.Combine(_dir, "a.wav");
        WavFile.Write(path, x, 16000, WavSampleFormat.Float32);
        using var s = AudioDecoder.Open(path);
        Assert.Equal(16000, s.SampleRate);
        Assert.Equal(path, s.Path);
        var got = new List<float>();
        var buf = new float[7];
        int n;
        while ((n = s.Read(buf)) > 0) got.AddRange(buf.AsSpan(0, n).ToArray());
        Assert.Equal(x, got.ToArray());
        Assert.Equal(0, s.Read(buf));
    }
}
