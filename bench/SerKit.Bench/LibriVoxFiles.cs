using System.Diagnostics;

namespace SerKit.Bench;

/// <summary>
/// The LibriVox WAVs of Debian's pocketsphinx-testdata, in the same cache folder the tests use
/// (.cache/fixtures/deb/pocketsphinx-testdata); fetched with apt-get download + dpkg-deb when missing.
/// </summary>
internal static class LibriVoxFiles
{
    public static string[] Locate()
    {
        var root = Path.Combine(BenchRepo.Cache, "fixtures", "deb", "pocketsphinx-testdata", "root");
        if (!Directory.Exists(root)) Fetch(root);
        var folder = Path.Combine(root, "usr", "share", "pocketsphinx", "test", "data", "librivox");
        var files = Directory.GetFiles(folder, "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidOperationException($"no WAVs in {folder}");
        return files;
    }

    private static void Fetch(string root)
    {
        var work = Path.GetDirectoryName(root)! + $".{Environment.ProcessId}.partial";
        Directory.CreateDirectory(work);
        ChildProcess.RunChecked("apt-get", "download pocketsphinx-testdata", work);
        var deb = Directory.GetFiles(work, "*.deb").Single();
        ChildProcess.RunChecked("dpkg-deb", $"-x \"{deb}\" \"{Path.Combine(work, "root")}\"", work);
        File.Delete(deb);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetDirectoryName(root)!)!);
        Directory.Move(work, Path.GetDirectoryName(root)!);
    }
}
