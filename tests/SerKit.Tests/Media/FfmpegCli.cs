using System.Diagnostics;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

/// <summary>Runs the real <c>ffmpeg</c> command line to make test media.</summary>
internal static class FfmpegCli
{
    /// <summary>Skips (fails in CI) when ffmpeg is not installed.</summary>
    public static void Require() => FixtureCache.RequireProgram("ffmpeg", "decodes and makes non-WAV test media");

    /// <summary>Runs <c>ffmpeg -nostdin -y -loglevel error ARGS</c>; throws with ffmpeg's message when it fails.</summary>
    public static void Run(params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-y", "-hide_banner", "-loglevel", "error" }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {stderr.Result}");
    }

    /// <summary>A lavfi sine source: <c>-f lavfi -i sine=...</c> (amplitude 1/8).</summary>
    public static string[] Sine(double hz, int rate, double seconds) =>
        ["-f", "lavfi", "-i", FormattableString.Invariant($"sine=frequency={hz}:sample_rate={rate}:duration={seconds}")];
}
