using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SerKit.Bench;

/// <summary>The real <c>serkit</c> CLI run as a child process under GNU time (<c>/usr/bin/time -v</c>).</summary>
internal static class TimedCli
{
    /// <summary>
    /// Wall seconds, user + system CPU seconds (the process and the children it waited for, e.g. ffmpeg), maximum RSS and
    /// standard output; from the scheduler's statistics of the serkit process's own threads (<c>/proc/PID/task/*/schedstat</c>,
    /// sampled every 100 ms, ffmpeg children not included): seconds its threads ran and seconds they were ready but waited for a
    /// CPU taken by other processes.
    /// </summary>
    public sealed record Result(double Wall, double Cpu, long MaxRssKb, string Stdout, double ThreadRun = 0, double ThreadWait = 0);

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
        var stderrTask = p.StandardError.ReadToEndAsync();
        var threads = new Dictionary<string, (long Run, long Wait)>();
        int? serkit = null;
        while (!p.WaitForExit(100))
        {
            serkit ??= Child(p.Id);
            if (serkit is int pid) Sample(pid, threads);
        }
        var stderr = stderrTask.Result;
        double wall = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) throw new InvalidOperationException($"serkit {string.Join(' ', args)} failed:\n{stdout.Result}\n{stderr}");
        double user = Field(stderr, @"User time \(seconds\): ([0-9.]+)");
        double sys = Field(stderr, @"System time \(seconds\): ([0-9.]+)");
        long rss = (long)Field(stderr, @"Maximum resident set size \(kbytes\): ([0-9]+)");
        return new Result(wall, user + sys, rss, stdout.Result, threads.Values.Sum(t => t.Run) / 1e9, threads.Values.Sum(t => t.Wait) / 1e9);
    }

    /// <summary>The process that <paramref name="parent"/> (GNU time) started.</summary>
    private static int? Child(int parent)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{parent}/task/{parent}/children").Trim();
            return text.Length == 0 ? null : int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
    }

    /// <summary>Keeps the latest (run, wait) nanoseconds of every thread of <paramref name="pid"/>.</summary>
    private static void Sample(int pid, Dictionary<string, (long Run, long Wait)> threads)
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var f = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    threads[Path.GetFileName(task)] = (long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture));
                }
                catch (IOException) { } // the thread ended
            }
        }
        catch (IOException) { } // the process ended
        catch (UnauthorizedAccessException) { }
    }

    private static double Field(string text, string pattern) =>
        double.Parse(Regex.Match(text, pattern).Groups[1].Value, CultureInfo.InvariantCulture);
}
