using System.Diagnostics;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Audio;

/// <summary>Runs tools/torchaudio_logmel.py with /usr/bin/python3 (skips outside CI, fails in CI, when torchaudio is missing).</summary>
internal static class TorchaudioReference
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(RepoPaths.Root, "tools", "torchaudio_logmel.py");

    /// <summary>Skips (or fails in CI) unless python3 can import torch and torchaudio.</summary>
    public static void Require()
    {
        if (!File.Exists(Python)) FixtureCache.Unavailable($"{Python} is not installed (torchaudio reference)");
        var (code, _, err) = Execute("-c \"import numpy, torch, torchaudio\"");
        if (code != 0) FixtureCache.Unavailable($"python3 cannot import numpy/torch/torchaudio: {err.Trim()}");
    }

    /// <summary>Runs the reference script with <paramref name="arguments"/>; throws with its stderr when it fails.</summary>
    public static string Run(string arguments)
    {
        Require();
        var (code, output, err) = Execute($"\"{Script}\" {arguments}");
        if (code != 0) throw new InvalidOperationException($"torchaudio_logmel.py {arguments} exited {code}: {err}");
        return output;
    }

    private static (int Code, string Output, string Error) Execute(string arguments)
    {
        var psi = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Python}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {arguments} timed out");
        }
        return (p.ExitCode, output, err.Result);
    }
}
