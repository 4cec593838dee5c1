using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SerKit.Bench;

/// <summary>The real <c>serkit</c> CLI run as a child process under GNU time (<c>/usr/bin/time -v</c>).</summary>
internal static class TimedCli
{
    /// <summary>Wall seconds, user + system CPU seconds (the process and the children it waited for, e.g. ffmpeg), maximum RSS and standard output.</summary>
    public sealed record Result(double Wall, double Cpu, long MaxRssKb, string Stdout);

    public static bool Available => File.Exists("/usr/bin/time");

    public static Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-v");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SerKit.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SERKIT_PLAIN_PROGRESS"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /usr/bin/time");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) throw new InvalidOperationException($"serkit {string.Join(' ', args)} failed:\n{stdout.Result}\n{stderr}");
        double user = Field(stderr, @"User time \(seconds\): ([0-9.]+)");
        double sys = Field(stderr, @"System time \(seconds\): ([0-9.]+)");
        long rss = (long)Field(stderr, @"Maximum resident set size \(kbytes\): ([0-9]+)");
        return new Result(wall, user + sys, rss, stdout.Result);
    }

    private static double Field(string text, string pattern) =>
        double.Parse(Regex.Match(text, pattern).Groups[1].Value, CultureInfo.InvariantCulture);
}
