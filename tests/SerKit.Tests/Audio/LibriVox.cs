using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Audio;

/// <summary>The LibriVox read-speech WAVs (16 kHz mono, 3–7 s) of Debian's pocketsphinx-testdata, fetched at test time.</summary>
internal static class LibriVox
{
    public static string[] Files()
    {
        var root = FixtureCache.DebianPackage("pocketsphinx-testdata");
        var folder = Path.Combine(root, "usr", "share", "pocketsphinx", "test", "data", "librivox");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0) FixtureCache.Unavailable($"no LibriVox WAVs in {folder}");
        return files;
    }
}
