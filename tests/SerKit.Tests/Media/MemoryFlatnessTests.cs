using System.Diagnostics;
using SerKit.Media;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Media;

/// <summary>Reading is streaming: what a read loop allocates does not grow with the length of the file.</summary>
public sealed class MemoryFlatnessTests(ITestOutputHelper output) : IDisposable
{
    private const long AllowedBytes = 2 << 20;
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Opens and reads <paramref name="path"/> with a fixed buffer; returns (samples, bytes allocated while reading, bytes allocated by Open).</summary>
    private static (long Samples, long ReadBytes, long OpenBytes, double Seconds) Drain(string path, int rate = AudioDecoder.DefaultSampleRate)
    {
        var buffer = new float[4096];
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var stream = AudioDecoder.Open(path, rate);
        long opened = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long samples = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0) samples += n;
        long after = GC.GetAllocatedBytesForCurrentThread();
        return (samples, after - opened, opened - before, clock.Elapsed.TotalSeconds);
    }

    [Fact]
    public void Twenty_minute_wav_reads_without_allocating_in_proportion()
    {
        var path = Path.Combine(_dir, "long.wav");
        int n = 20 * 60 * 16000;
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(0.3 * Math.Sin(i * 0.05));
        WavFile.Write(path, x, 16000);
        x = null;

        var (samples, read, open, seconds) = Drain(path);
        output.WriteLine($"20 min 16 kHz WAV: {samples} samples in {seconds:F2} s, Open allocated {open} B, reading allocated {read} B");
        Assert.Equal(n, samples);
        Assert.True(read + open < AllowedBytes, $"allocated {read + open} bytes");

        // and through the resampler (16 kHz file read at 8 kHz)
        var (half, read8, open8, seconds8) = Drain(path, 8000);
        output.WriteLine($"  resampled to 8 kHz: {half} samples in {seconds8:F2} s, Open allocated {open8} B, reading allocated {read8} B");
        Assert.Equal(n / 2, half);
        Assert.True(read8 + open8 < AllowedBytes, $"allocated {read8 + open8} bytes");
    }

    [SkippableFact]
    public void Ten_minute_flac_through_ffmpeg_and_the_resampler_reads_flat()
    {
        FfmpegCli.Require();
        var shortPath = Path.Combine(_dir, "short.flac");
        var longPath = Path.Combine(_dir, "long.flac");
        FfmpegCli.Run([.. FfmpegCli.Sine(440, 44100, 60), "-ac", "2", shortPath]);
        FfmpegCli.Run([.. FfmpegCli.Sine(440, 44100, 600), "-ac", "2", longPath]);

        var one = Drain(shortPath);
        var ten = Drain(longPath);
        output.WriteLine($"1 min 44.1 kHz stereo FLAC: {one.Samples} samples in {one.Seconds:F2} s, reading allocated {one.ReadBytes} B");
        output.WriteLine($"10 min 44.1 kHz stereo FLAC: {ten.Samples} samples in {ten.Seconds:F2} s, reading allocated {ten.ReadBytes} B");
        Assert.Equal(600L * 16000, ten.Samples);
        Assert.True(ten.ReadBytes < AllowedBytes, $"reading allocated {ten.ReadBytes} bytes");
        // Ten times the audio, not ten times the allocation.
        Assert.True(ten.ReadBytes < one.ReadBytes + (256 << 10), $"1 min: {one.ReadBytes} B, 10 min: {ten.ReadBytes} B");
    }
}
