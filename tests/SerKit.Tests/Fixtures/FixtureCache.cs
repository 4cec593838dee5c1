using System.Diagnostics;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// Real test material fetched at test time into the ignored cache (.cache/fixtures):
/// Debian packages (<c>apt-get download</c> + <c>dpkg-deb -x</c>) and npm packages
/// (<c>npm pack</c>). Outside CI a fixture that cannot be fetched skips the test with a
/// message saying what is missing; with CI=true it fails the test.
/// </summary>
public static class FixtureCache
{
    private static readonly object Gate = new();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Unpacks Debian package <paramref name="name"/> and returns the folder it was unpacked into.</summary>
    public static string DebianPackage(string name) =>
        Fetch($"deb/{name}", work =>
        {
            Run("apt-get", $"download {name}", work);
            var deb = Directory.GetFiles(work, "*.deb").Single();
            var root = Path.Combine(work, "root");
            Directory.CreateDirectory(root);
            Run("dpkg-deb", $"-x \"{deb}\" \"{root}\"", work);
            File.Delete(deb);
        }, $"Debian package {name}");

    /// <summary>Unpacks npm package <paramref name="name"/>@<paramref name="version"/> and returns its folder (holding package/).</summary>
    public static string NpmPackage(string name, string version) =>
        Fetch($"npm/{name}-{version}", work =>
        {
            Run("npm", $"pack {name}@{version} --silent", work);
            var tgz = Directory.GetFiles(work, "*.tgz").Single();
            var root = Path.Combine(work, "root");
            Directory.CreateDirectory(root);
            Run("tar", $"-xzf \"{tgz}\" -C \"{root}\"", work);
            File.Delete(tgz);
        }, $"npm package {name}@{version}");

    /// <summary>Skips (or in CI fails) when <paramref name="path"/> does not exist after fetching.</summary>
    public static string RequireFile(string path, string what)
    {
        if (File.Exists(path)) return path;
        Unavailable($"{what}: {path} is missing");
        return path;
    }

    /// <summary>Skips the test outside CI, fails it in CI.</summary>
    public static void Unavailable(string message)
    {
        if (InCi) throw new InvalidOperationException($"test material unavailable in CI: {message}");
        Skip.If(true, $"test material unavailable: {message}");
    }

    /// <summary>Skips (fails in CI) when a program needed by a test is not on PATH.</summary>
    public static void RequireProgram(string program, string why)
    {
        if (Which(program) == null) Unavailable($"{program} is not installed ({why})");
    }

    public static string? Which(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Fetch(string key, Action<string> fetch, string what)
    {
        var final = Path.Combine(RepoPaths.FixtureCache, key);
        var root = Path.Combine(final, "root");
        lock (Gate)
        {
            if (Directory.Exists(root)) return root;
            var work = final + $".{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
            Directory.CreateDirectory(work);
            try
            {
                fetch(work);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                try { Directory.Move(work, final); }
                catch (IOException) when (Directory.Exists(root)) { /* another test process won the race */ }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                TryDelete(work);
                Unavailable($"{what} could not be fetched: {e.Message}");
            }
            finally
            {
                TryDelete(work);
            }
            return root;
        }
    }

    private static void Run(string program, string arguments, string workingDirectory)
    {
        var psi = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {arguments} timed out");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments} exited {p.ExitCode}: {stderr.Result.Trim()}");
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
