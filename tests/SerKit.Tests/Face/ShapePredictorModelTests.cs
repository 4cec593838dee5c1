using SerKit.Face;

namespace SerKit.Tests.Face;

/// <summary>The real 68-point model (Debian libdlib-data): loading, threads, allocations.</summary>
public sealed class ShapePredictorModelTests
{
    [SkippableFact]
    public void The_68_point_model_loads_with_its_shape()
    {
        var sp = ShapePredictor.Load(DlibReference.ModelPath());
        Assert.Equal(68, sp.Landmarks);
        Assert.Equal(15, sp.CascadeDepth);
        Assert.Equal(500, sp.TreesPerLevel);
        Assert.Equal(136, sp.MeanShape.Length);
        foreach (var v in sp.MeanShape) Assert.InRange(v, -0.5f, 1.5f);
    }

    [SkippableFact]
    public void Fits_from_many_threads_equal_fits_from_one_and_allocate_nothing()
    {
        var sp = ShapePredictor.Load(DlibReference.ModelPath());
        var faces = DlibExampleFace.Load();
        var images = faces.Select(f => f.Pgm).Distinct().ToDictionary(p => p, GrayImage.ReadPgm);
        int n = faces.Count;
        var x = new float[68 * n];
        var y = new float[68 * n];
        sp.Fit(images[faces[0].Pgm], faces[0].Box, x.AsSpan(0, 68), y.AsSpan(0, 68));   // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++) sp.Fit(images[faces[i].Pgm], faces[i].Box, x.AsSpan(68 * i, 68), y.AsSpan(68 * i, 68));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated fitting {n} faces");

        var px = new float[4 * 68 * n];
        var py = new float[4 * 68 * n];
        Parallel.For(0, 4 * n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, j =>
        {
            var f = faces[j % n];
            sp.Fit(images[f.Pgm], f.Box, px.AsSpan(68 * j, 68), py.AsSpan(68 * j, 68));
        });
        for (int j = 0; j < 4 * n; j++)
        {
            int i = j % n;
            Assert.True(x.AsSpan(68 * i, 68).SequenceEqual(px.AsSpan(68 * j, 68)), $"face {i}, x differs across threads");
            Assert.True(y.AsSpan(68 * i, 68).SequenceEqual(py.AsSpan(68 * j, 68)), $"face {i}, y differs across threads");
        }
    }
}
