using System.Diagnostics;
using System.Globalization;

namespace SerKit.Tests.Media;

/// <summary>What the real <c>ffprobe</c> says about a file's video frames and stream start times.</summary>
internal static class FfprobeFrames
{
    /// <summary>Presentation times (s, container clock) of every decoded video frame, in decoding output order.</summary>
    public static double[] VideoFrameTimes(string path) =>
        Lines(path, "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0")
            .Select(l => double.Parse(l.Trim().TrimEnd(','), CultureInfo.InvariantCulture)).ToArray();

    /// <summary>start_time of the first stream of <paramref name="kind"/> ("v" or "a").</summary>
    public static double StreamStart(string path, string kind) =>
        double.Parse(Lines(path, "-select_streams", kind + ":0", "-show_entries", "stream=start_time", "-of", "csv=p=0").Single().Trim().TrimEnd(','),
            CultureInfo.InvariantCulture);

    private static string[] Lines(string path, params string[] args)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error" }.Concat(args).Append(path)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffprobe failed on {path}: {err.Result}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
