using SerKit.IO;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.IO;

public class FolderLockTests
{
    [Fact]
    public void HoldersTakeTurnsAndTheLockFileGoes()
    {
        var dir = RepoPaths.NewTempFolder();
        var counter = Path.Combine(dir, "counter.txt");
        File.WriteAllText(counter, "0");
        int inside = 0, overlaps = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int i = 0; i < 15; i++)
            {
                using var held = FolderLock.Acquire(dir);
                if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
                int n = int.Parse(File.ReadAllText(counter));
                Thread.Yield();
                File.WriteAllText(counter, (n + 1).ToString());
                Interlocked.Decrement(ref inside);
            }
        });
        Assert.Equal(0, overlaps);
        Assert.Equal("60", File.ReadAllText(counter));
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.FileName)));
    }

    [Fact]
    public void ALockLeftByAKilledProcessIsBroken()
    {
        var dir = RepoPaths.NewTempFolder();
        using var p = System.Diagnostics.Process.Start("true")!;
        p.WaitForExit();
        File.WriteAllText(Path.Combine(dir, FolderLock.FileName), $"{p.Id} {Environment.MachineName} 0123");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (FolderLock.Acquire(dir)) Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));

        // One of another host is broken only when old.
        var path = Path.Combine(dir, FolderLock.FileName);
        File.WriteAllText(path, "1 some-other-host 4567");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - FolderLock.StaleAfter - TimeSpan.FromMinutes(1));
        using (FolderLock.Acquire(dir)) Assert.NotEqual("1 some-other-host 4567", File.ReadAllText(path));
        File.WriteAllText(path, "1 some-other-host 4567");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.Throws<OperationCanceledException>(() => FolderLock.Acquire(dir, cancel.Token));
    }
}
