using SerKit.Attributes;

namespace SerKit.Tests.Attributes;

public class KMeansTests
{
    /// <summary>Three 2-D blobs of ten points each around (0, 0), (10, 0) and (0, 10), with a fixed ±0.5 jitter.</summary>
    private static (double[][] Points, int[] Blob) Blobs()
    {
        double[][] centres = [[0, 0], [10, 0], [0, 10]];
        var points = new List<double[]>();
        var blob = new List<int>();
        for (int i = 0; i < 30; i++)
        {
            int b = (i * 7) % 3; // interleaved, so the blobs are not contiguous in the input
            double jx = ((i * 37) % 11 - 5) / 10.0, jy = ((i * 53) % 11 - 5) / 10.0;
            points.Add([centres[b][0] + jx, centres[b][1] + jy]);
            blob.Add(b);
        }
        return (points.ToArray(), blob.ToArray());
    }

    [Fact]
    public void SeparatedBlobsAreFoundExactlyWhateverTheSeed()
    {
        var (points, blob) = Blobs();
        for (ulong seed = 0; seed < 20; seed++)
        {
            var r = KMeans.Fit(points, 3, seed);
            Assert.True(r.Converged);
            Assert.Equal(0, r.Reseeded);
            // One cluster per blob: the partition equals the blobs up to the (arbitrary) cluster ids.
            var map = Enumerable.Range(0, 3).Select(b => r.Assignments[Array.IndexOf(blob, b)]).ToArray();
            Assert.Equal(3, map.Distinct().Count());
            for (int i = 0; i < points.Length; i++) Assert.Equal(map[blob[i]], r.Assignments[i]);
            for (int b = 0; b < 3; b++)
            {
                var members = points.Where((_, i) => blob[i] == b).ToArray();
                Assert.Equal(members.Average(p => p[0]), r.Centroids[map[b]][0], 12);
                Assert.Equal(members.Average(p => p[1]), r.Centroids[map[b]][1], 12);
            }
            Assert.Equal(new[] { 10, 10, 10 }, r.Sizes);
            double inertia = points.Select((p, i) => KMeans.SquaredDistance(p, r.Centroids[r.Assignments[i]])).Sum();
            Assert.Equal(inertia, r.Inertia, 9);
        }
    }

    [Fact]
    public void AnEmptyClusterTakesThePointFarthestFromItsCentroid()
    {
        // 1-D points; the middle initial centroid is far from everything, so its cluster starts empty.
        double[][] points = [[0], [1], [2], [10], [11]];
        var r = KMeans.Fit(points, [[1.0], [1000.0], [10.5]]);
        // First assignment: {0, 1, 2} → 0 (distances 1, 0, 1), {10, 11} → 2 (0.25 each), cluster 1 empty. The farthest point of a
        // cluster with more than one member is 0 or 2 (distance 1): the lower index, point 0, re-seeds cluster 1.
        // Then the centroids are 1.5, 0, 10.5 and nothing changes any more.
        Assert.Equal(new[] { 1, 0, 0, 2, 2 }, r.Assignments);
        Assert.Equal(1.5, r.Centroids[0][0]);
        Assert.Equal(0.0, r.Centroids[1][0]);
        Assert.Equal(10.5, r.Centroids[2][0]);
        Assert.Equal(1, r.Reseeded);
        Assert.True(r.Converged);
        Assert.Equal(0.25 + 0.25 + 0.25 + 0.25, r.Inertia, 12);
    }

    [Fact]
    public void IdenticalPointsStillFillEveryCluster()
    {
        var points = Enumerable.Repeat(new double[] { 3, 4 }, 6).ToArray();
        var r = KMeans.Fit(points, 2, seed: 9);
        // Every point is nearest to centroid 0 (ties go to the lower index); cluster 1 is re-seeded with point 0.
        Assert.Equal(new[] { 1, 0, 0, 0, 0, 0 }, r.Assignments);
        Assert.Equal(new[] { 5, 1 }, r.Sizes);
        Assert.Equal(0, r.Inertia);
        var all = KMeans.Fit(points.Take(3).ToArray(), 3, seed: 1);
        Assert.Equal(new[] { 1, 1, 1 }, all.Sizes);
    }

    [Fact]
    public void TheSameSeedGivesTheSamePartition()
    {
        var g = new SerKit.Corpus.SplitMix64(5);
        var points = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 8).Select(_ => (g.Next() >> 11) * (1.0 / (1UL << 53))).ToArray()).ToArray();
        var a = KMeans.Fit(points, 7, 42);
        var b = KMeans.Fit(points, 7, 42);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Inertia, b.Inertia);
        Assert.NotEqual(a.Assignments, KMeans.Fit(points, 7, 43).Assignments);
        // Lloyd never increases the inertia of its own initial centres.
        var init = KMeans.PlusPlusCentres(points, 7, new SerKit.Corpus.SplitMix64(42));
        double initial = points.Sum(p => KMeans.SquaredDistance(p, init[KMeans.Nearest(init, p)]));
        Assert.True(a.Inertia <= initial);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        double[][] points = [[0, 1], [2, 3]];
        Assert.Throws<ArgumentException>(() => KMeans.Fit(points, 3, 0));
        Assert.Throws<ArgumentException>(() => KMeans.Fit(points, 0, 0));
        Assert.Throws<ArgumentException>(() => KMeans.Fit([[0, 1], [2]], 1, 0));
        Assert.Throws<ArgumentException>(() => KMeans.Fit([[0, double.NaN], [2, 3]], 1, 0));
        Assert.Throws<ArgumentException>(() => KMeans.Fit(Array.Empty<double[]>(), 1, 0));
    }
}
