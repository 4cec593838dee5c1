using SerKit.Corpus;

namespace SerKit.Orofacial;

/// <summary>
/// Visemes from mouth shapes when a corpus has no phoneme alignments: k-means over the normalised mouth shapes (points 48–67,
/// x then y, 40 values, in the data set's <see cref="TargetReference"/>) of the training set's valid frames.
/// <list type="bullet">
/// <item>At most <c>maxFrames</c> frames are clustered: every ⌈n / maxFrames⌉-th valid frame in data-set order.</item>
/// <item>Initialisation: k-means++ (each next centre drawn with probability ∝ squared distance to the nearest centre) from a
/// SplitMix64 generator seeded with the run's seed, so the same seed gives the same clusters.</item>
/// <item>Lloyd iterations (squared Euclidean distance, ties to the lower index) until no assignment changes, at most 100. A
/// cluster that becomes empty is restarted at the frame farthest from its centre.</item>
/// <item>Clusters are renumbered by their mean mouth opening (<see cref="OrofacialPoints.MouthOpening"/>), ascending: class
/// <c>m0</c> is the most closed mouth.</item>
/// </list>
/// </summary>
public sealed class MouthShapeClusters
{
    /// <summary>Values of a mouth shape (x of 48–67, then y).</summary>
    public const int Dimension = 40;

    /// <summary>Clusters with the given centres (<see cref="Dimension"/> values each).</summary>
    public MouthShapeClusters(IReadOnlyList<float[]> centroids)
    {
        if (centroids.Count < 2) throw new ArgumentException($"mouth-shape clusters need at least two centres (got {centroids.Count})");
        if (centroids.Any(c => c.Length != Dimension || c.Any(v => !float.IsFinite(v))))
            throw new ArgumentException($"every centre must have {Dimension} finite values");
        Centroids = centroids.Select(c => c.ToArray()).ToArray();
    }

    /// <summary>The cluster centres, in class order.</summary>
    public IReadOnlyList<float[]> Centroids { get; }

    /// <summary>Number of clusters (k).</summary>
    public int Count => Centroids.Count;

    /// <summary>Class names <c>m0</c> … <c>m{k-1}</c> (ascending mouth opening).</summary>
    public IReadOnlyList<string> Classes => Enumerable.Range(0, Count).Select(i => $"m{i}").ToArray();

    /// <summary>The nearest centre of <paramref name="shape"/> (squared Euclidean distance; ties to the lower index).</summary>
    public int Assign(ReadOnlySpan<float> shape)
    {
        int best = 0;
        double bestD = double.PositiveInfinity;
        for (int c = 0; c < Centroids.Count; c++)
        {
            double d = Distance(shape, Centroids[c]);
            if (d < bestD) { bestD = d; best = c; }
        }
        return best;
    }

    /// <summary>The class of every frame of <paramref name="u"/>; -1 for frames without landmarks.</summary>
    public int[] FrameVisemes(OrofacialUtterance u)
    {
        var labels = new int[u.Frames];
        Span<float> shape = stackalloc float[Dimension];
        for (int t = 0; t < u.Frames; t++)
        {
            if (!u.Valid[t]) { labels[t] = -1; continue; }
            u.MouthShape(t, shape);
            labels[t] = Assign(shape);
        }
        return labels;
    }

    /// <summary>Clusters the mouth shapes of <paramref name="items"/> into <paramref name="k"/> classes (see the type's description).</summary>
    public static MouthShapeClusters Fit(IReadOnlyList<OrofacialUtterance> items, int k, long seed, int maxFrames = 50_000)
    {
        if (k < 2) throw new ArgumentException($"the number of mouth-shape clusters must be at least 2 (got {k})");
        if (maxFrames < k) throw new ArgumentException($"at most {maxFrames} frames cannot make {k} clusters");
        long valid = items.Sum(u => (long)u.ValidFrames);
        if (valid < k) throw new ArgumentException($"{valid} frames with landmarks cannot make {k} mouth-shape clusters");
        long stride = (valid + maxFrames - 1) / maxFrames;
        var points = new List<float[]>();
        long index = 0;
        foreach (var u in items)
            for (int t = 0; t < u.Frames; t++)
            {
                if (!u.Valid[t]) continue;
                if (index++ % stride != 0) continue;
                var s = new float[Dimension];
                u.MouthShape(t, s);
                points.Add(s);
            }
        var centres = KMeans(points, k, seed);
        // Renumber by mean mouth opening (inner lips: upper 61–63 are mouth points 13–15, lower 65–67 are 17–19; y follows x).
        static double Opening(float[] c) => ((c[20 + 17] + c[20 + 18] + c[20 + 19]) - (c[20 + 13] + c[20 + 14] + c[20 + 15])) / 3.0;
        return new MouthShapeClusters(centres.Select((c, i) => (c, i)).OrderBy(p => Opening(p.c)).ThenBy(p => p.i).Select(p => p.c).ToArray());
    }

    private static float[][] KMeans(List<float[]> points, int k, long seed)
    {
        int n = points.Count;
        var rng = new SplitMix64(unchecked((ulong)seed) ^ 0x6B6D65616E73UL);
        var centres = new double[k][];
        var nearest = new double[n];
        centres[0] = points[(int)rng.NextBelow((ulong)n)].Select(v => (double)v).ToArray();
        for (int i = 0; i < n; i++) nearest[i] = Distance(points[i], centres[0]);
        for (int c = 1; c < k; c++)
        {
            double total = nearest.Sum();
            int pick;
            if (total <= 0) pick = (int)rng.NextBelow((ulong)n);
            else
            {
                double u = (rng.Next() >> 11) * (1.0 / (1UL << 53)) * total, acc = 0;
                pick = n - 1;
                for (int i = 0; i < n; i++) { acc += nearest[i]; if (acc > u) { pick = i; break; } }
            }
            centres[c] = points[pick].Select(v => (double)v).ToArray();
            for (int i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Distance(points[i], centres[c]));
        }
        var assign = new int[n];
        Array.Fill(assign, -1);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                double bestD = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double d = Distance(points[i], centres[c]);
                    if (d < bestD) { bestD = d; best = c; }
                }
                nearest[i] = bestD;
                if (assign[i] != best) { assign[i] = best; changed = true; }
            }
            if (!changed) break;
            var sums = new double[k][];
            var counts = new int[k];
            for (int c = 0; c < k; c++) sums[c] = new double[Dimension];
            for (int i = 0; i < n; i++)
            {
                counts[assign[i]]++;
                for (int j = 0; j < Dimension; j++) sums[assign[i]][j] += points[i][j];
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    for (int j = 0; j < Dimension; j++) centres[c][j] = sums[c][j] / counts[c];
                    continue;
                }
                // Empty cluster: restart it at the frame farthest from its own centre, and take that frame out of its old cluster's reach.
                int far = 0;
                for (int i = 1; i < n; i++) if (nearest[i] > nearest[far]) far = i;
                centres[c] = points[far].Select(v => (double)v).ToArray();
                nearest[far] = 0;
            }
        }
        return centres.Select(c => c.Select(v => (float)v).ToArray()).ToArray();
    }

    private static double Distance(ReadOnlySpan<float> a, float[] b)
    {
        double s = 0;
        for (int j = 0; j < Dimension; j++) { double d = a[j] - b[j]; s += d * d; }
        return s;
    }

    private static double Distance(ReadOnlySpan<float> a, double[] b)
    {
        double s = 0;
        for (int j = 0; j < Dimension; j++) { double d = a[j] - b[j]; s += d * d; }
        return s;
    }
}
