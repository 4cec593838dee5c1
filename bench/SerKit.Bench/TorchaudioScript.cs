using System.Diagnostics;

namespace SerKit.Bench;

/// <summary>Runs tools/torchaudio_logmel.py with Debian's /usr/bin/python3 (torch 1.13, torchaudio 0.13).</summary>
internal static class TorchaudioScript
{
    public static string Run(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(BenchRepo.Root, "tools", "torchaudio_logmel.py"));
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"torchaudio_logmel.py exited {p.ExitCode}: {err.Result}");
        return output;
    }
}
