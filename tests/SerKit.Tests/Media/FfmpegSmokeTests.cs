using System.Diagnostics;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

public sealed class FfmpegSmokeTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void Flac_at_16k_decodes_through_ffmpeg()
    {
        FixtureCache.RequireProgram("ffmpeg", "decodes non-WAV media");
        var path = Path.Combine(_dir, "tone.flac");
        var psi = new ProcessStartInfo("ffmpeg", ["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=16000:duration=2", path]);
        using (var p = Process.Start(psi)!) p.WaitForExit();
        var y = AudioDecoder.ReadAll(path);
        Assert.InRange(y.Length, 31990, 32010);
        Assert.Equal(1000, Signals.DominantFrequency(y, 16000), 0);
    }
}
