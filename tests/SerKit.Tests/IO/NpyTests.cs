using SerKit.IO;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.IO;

public class NpyTests
{
    [Fact]
    public void StreamedRowsRoundTripWithFinalShape()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "x.npy");
        AtomicFile.Write(path, s =>
        {
            var w = new NpyWriter(s, 3);
            w.WriteRows(new float[] { 1, 2, 3 });
            w.WriteRows(new float[] { 4, 5, 6, 7, 8, 9 });
            w.Complete();
        });
        var a = NpyArray.Read(path);
        Assert.Equal(new long[] { 3, 3 }, a.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, a.Data);
        Assert.Equal(NpyWriter.HeaderSize + 9 * 4, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
    }

    [Fact]
    public void FailedWriteLeavesNothingBehind()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "y.npy");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("boom");
        }));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void NumpyReadsTheHeader()
    {
        FixtureCache.RequireProgram("python3", "numpy reads the file");
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "z.npy");
        NpyWriter.WriteFile(path, new float[] { 0.5f, -1, 2, 3 }, 2);
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3",
            $"-c \"import numpy as n; a=n.load('{path}'); print(a.shape, a.dtype, float(a.sum()))\"")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0) FixtureCache.Unavailable("numpy for /usr/bin/python3: " + p.StandardError.ReadToEnd());
        Assert.Equal("(2, 2) float32 4.5", output);
    }
}
