using System.Diagnostics;
using System.Text.Json;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

/// <summary>
/// Runs the reference scripts tools/sklearn_metrics_reference.py and tools/scipy_stats_reference.py
/// with /usr/bin/python3 (Debian python3-sklearn / python3-scipy, listed in .ci/apt-packages.txt).
/// Skips outside CI, fails in CI, when the module is missing.
/// </summary>
internal static class PythonReference
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Skips (or fails in CI) unless python3 can import <paramref name="module"/>.</summary>
    public static void Require(string module, string debianPackage)
    {
        if (!File.Exists(Python)) FixtureCache.Unavailable($"{Python} is not installed ({module} reference)");
        var (code, _, err) = Execute($"-c \"import {module}\"", null);
        if (code != 0) FixtureCache.Unavailable($"python3 cannot import {module} (Debian {debianPackage}): {err.Trim()}");
    }

    /// <summary>Runs tools/<paramref name="script"/> with <paramref name="input"/> serialised as JSON on stdin.</summary>
    public static JsonElement Run(string script, object input)
    {
        var path = Path.Combine(RepoPaths.Root, "tools", script);
        var (code, output, err) = Execute($"\"{path}\"", JsonSerializer.Serialize(input));
        if (code != 0) throw new InvalidOperationException($"{script} exited {code}: {err}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static (int Code, string Output, string Error) Execute(string arguments, string? stdin)
    {
        var psi = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["OMP_NUM_THREADS"] = "1";
        psi.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Python}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {arguments} timed out");
        }
        return (p.ExitCode, output.Result, err.Result);
    }
}
