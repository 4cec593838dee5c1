using SerKit.IO;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void LeftoversOfKilledRunsGoThoseOfLiveWritersStay()
    {
        var dir = RepoPaths.NewTempFolder();
        var host = "@" + Environment.MachineName.Replace('.', '_');
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        string Make(string name, DateTime? stamp = null)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, "x");
            if (stamp is { } t) File.SetLastWriteTimeUtc(path, t);
            return path;
        }
        var deadHere = Make($".a.npy.{host}.{dead.Id}.0123.partial");
        var liveHere = Make($".b.npy.{host}.{Environment.ProcessId}.0123.partial");
        var oldFormatDead = Make($".c.npy.{dead.Id}.0123.partial");
        var freshElsewhere = Make(".d.npy.@node17_cluster.4242.0123.partial");
        var oldElsewhere = Make(".e.npy.@node17_cluster.4242.0123.partial", DateTime.UtcNow - AtomicFile.ForeignStaleAfter - TimeSpan.FromMinutes(5));
        // The current process's own leftovers count as stale (a rerun in the same process); a live other process's do not.
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30")!;
        var liveOther = Make($".f.npy.{host}.{sleeper.Id}.0123.partial");
        try
        {
            Assert.Equal(4, AtomicFile.CleanStale(dir));
            Assert.False(File.Exists(deadHere));
            Assert.False(File.Exists(liveHere));
            Assert.False(File.Exists(oldFormatDead));
            Assert.True(File.Exists(freshElsewhere));
            Assert.False(File.Exists(oldElsewhere));
            Assert.True(File.Exists(liveOther));
            Assert.Contains(host, AtomicFile.TemporaryPathFor(Path.Combine(dir, "x.csv")));
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
