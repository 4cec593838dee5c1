namespace SerKit.IO;

/// <summary>
/// Writes a file under a temporary name in the same folder and renames it into place,
/// so a reader (or a resumed run) sees either the whole file or none of it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Age after which a temporary file of another machine (a shard writing the same shared folder) counts as left by a killed run.</summary>
    public static readonly TimeSpan ForeignStaleAfter = TimeSpan.FromHours(1);

    /// <summary>This machine in temporary names: <c>@</c> and its host name with dots as '_'.</summary>
    private static string HostTag => "@" + Environment.MachineName.Replace('.', '_');

    /// <summary>The temporary name used while <paramref name="path"/> is being written: <c>.NAME.@HOST.PID.GUID.partial</c>.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{HostTag}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");

    /// <summary>Runs <paramref name="write"/> on a temporary file, flushes it to disk, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = TemporaryPathFor(full);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes text atomically (UTF-8, no byte-order mark).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(text);
        });

    /// <summary>
    /// Removes temporary files left behind in <paramref name="folder"/> by killed runs. A
    /// temporary file whose writer process is still alive (another shard on this machine)
    /// is left alone, and so is one written on another machine (a shard sharing the folder)
    /// unless it has not changed for <see cref="ForeignStaleAfter"/>.
    /// </summary>
    public static int CleanStale(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(folder, ".*.partial", SearchOption.AllDirectories))
        {
            var parts = Path.GetFileName(f).Split('.');
            bool foreign = parts.Length >= 5 && parts[^4].StartsWith('@') && parts[^4] != HostTag;
            if (foreign)
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(f) < ForeignStaleAfter) continue;
            }
            else if (parts.Length >= 4 && int.TryParse(parts[^3], out var pid) && pid != Environment.ProcessId && IsAlive(pid)) continue;
            if (TryDelete(f)) n++;
        }
        return n;
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static bool TryDelete(string path)
    {
        try { File.Delete(path); return true; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
