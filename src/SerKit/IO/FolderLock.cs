using System.Text;

namespace SerKit.IO;

/// <summary>
/// A short exclusive lock on a folder shared by several processes, possibly on several machines (the shards
/// of a Slurm array writing one output folder): the file <c>.serkit.lock</c>, created with O_EXCL and removed on
/// <see cref="Dispose"/>. A lock left by a killed process is broken: at once when its process (same host) is
/// gone, otherwise once it is older than <see cref="StaleAfter"/>. Meant for critical sections of seconds.
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".serkit.lock";

    /// <summary>Age after which a lock of another host is taken to be left by a killed process.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private readonly string _path;
    private readonly string _owner;
    private bool _released;

    private FolderLock(string path, string owner)
    {
        _path = path;
        _owner = owner;
    }

    /// <summary>Waits until the lock of <paramref name="folder"/> is free and takes it.</summary>
    public static FolderLock Acquire(string folder, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(Path.GetFullPath(folder), FileName);
        var owner = $"{Environment.ProcessId} {Environment.MachineName} {Guid.NewGuid():N}";
        var random = new Random();
        int vanished = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(Encoding.UTF8.GetBytes(owner));
                    stream.Flush(flushToDisk: true);
                }
                return new FolderLock(path, owner);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (TryBreakStale(path)) continue;
                Thread.Sleep(20 + random.Next(80));
            }
            catch (IOException e)
            {
                // The holder released it between our attempt and the check: try again (but do not loop on another I/O error).
                if (++vanished > 100) throw new IOException($"{path}: cannot create the folder lock: {e.Message}", e);
            }
        }
    }

    /// <summary>Removes the lock file (only if it is still this lock's).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        if (ReadOwner(_path) == _owner) File.Delete(_path);
    }

    private static bool TryBreakStale(string path)
    {
        var owner = ReadOwner(path);
        if (owner == null) return false;
        var parts = owner.Split(' ');
        bool dead = parts.Length == 3 && parts[1] == Environment.MachineName && int.TryParse(parts[0], out var pid)
                    && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");
        bool old;
        try { old = DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > StaleAfter; }
        catch (IOException) { return false; }
        if (!dead && !old) return false;
        if (ReadOwner(path) != owner) return false; // taken over meanwhile
        try { File.Delete(path); }
        catch (IOException) { return false; }
        return true;
    }

    private static string? ReadOwner(string path)
    {
        try { return File.ReadAllText(path); }
        catch (FileNotFoundException) { return null; }
        catch (IOException) { return null; }
    }
}
