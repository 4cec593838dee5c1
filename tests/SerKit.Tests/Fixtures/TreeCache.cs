using System.Collections.Concurrent;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// Corpus trees built by tests from fetched material, kept in the ignored cache
/// (<c>.cache/fixtures/trees/&lt;key&gt;</c>) so several tests and later runs reuse them. A tree is
/// built in a temporary folder next to its place and renamed into it, so a killed build never
/// leaves a half tree behind; the key names the builder's version and every parameter.
/// </summary>
public static class TreeCache
{
    private static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);

    /// <summary>The cache folder of built trees.</summary>
    public static string Folder => Path.Combine(RepoPaths.FixtureCache, "trees");

    /// <summary>
    /// The folder of tree <paramref name="key"/>, built with <paramref name="build"/> (which receives an empty
    /// folder to fill) when it is not cached yet. An exception of <paramref name="build"/> (a skip included) leaves nothing behind.
    /// </summary>
    public static string GetOrBuild(string key, Action<string> build)
    {
        if (key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || key.StartsWith('.'))
            throw new ArgumentException($"tree key '{key}' is not a plain folder name");
        var final = Path.Combine(Folder, key);
        lock (Gates.GetOrAdd(key, _ => new object()))
        {
            if (Directory.Exists(final)) return final;
            Directory.CreateDirectory(Folder);
            RemoveStale(key);
            var work = Path.Combine(Folder, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
            Directory.CreateDirectory(work);
            try
            {
                build(work);
                try { Directory.Move(work, final); }
                catch (IOException) when (Directory.Exists(final)) { /* another test process built it meanwhile */ }
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            }
            return final;
        }
    }

    /// <summary>Removes partial builds of <paramref name="key"/> left by test processes that no longer run.</summary>
    private static void RemoveStale(string key)
    {
        foreach (var dir in Directory.EnumerateDirectories(Folder, $".{key}.*.partial"))
        {
            var parts = Path.GetFileName(dir)[(key.Length + 2)..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
            }
        }
    }
}
