using SerKit.Corpus;

namespace SerKit.Attributes;

/// <summary>
/// k-means (Lloyd's algorithm) in double precision, deterministic: the same points, k and seed give the same partition.
/// <list type="bullet">
/// <item><b>Initialisation</b>: k-means++ (Arthur &amp; Vassilvitskii 2007) from a SplitMix64 generator: the first centre is a
/// uniformly drawn point, each next one a point drawn with probability proportional to its squared distance to the nearest centre
/// chosen so far (uniformly when every point lies on a centre).</item>
/// <item><b>Iterations</b>: assign every point to its nearest centroid (squared Euclidean distance, ties to the lower cluster
/// index), re-seed empty clusters, move every centroid to the mean of its points, and repeat until no assignment changes or
/// <c>maxIterations</c> is reached.</item>
/// <item><b>Empty clusters</b>: an empty cluster (in increasing index order) takes the point farthest from the centroid it was
/// assigned to (ties to the lower point index) among clusters that keep at least one other point; that point becomes the new
/// cluster's only member and centroid. The result therefore never has an empty cluster (k ≤ number of points is required).</item>
/// </list>
/// </summary>
public static class KMeans
{
    /// <summary>Clusters <paramref name="points"/> (all of one dimension) into <paramref name="k"/> clusters, k-means++ initialised with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">k below 1 or above the number of points, points of different dimensions, or a non-finite value.</exception>
    public static KMeansResult Fit(IReadOnlyList<double[]> points, int k, ulong seed, int maxIterations = 100)
    {
        Check(points, k, maxIterations);
        return Fit(points, PlusPlusCentres(points, k, new SplitMix64(seed)), maxIterations);
    }

    /// <summary>Runs Lloyd's iterations from the given initial centroids (k = their number).</summary>
    public static KMeansResult Fit(IReadOnlyList<double[]> points, IReadOnlyList<double[]> initialCentroids, int maxIterations = 100)
    {
        int k = initialCentroids.Count;
        Check(points, k, maxIterations);
        int dim = points[0].Length;
        if (initialCentroids.Any(c => c.Length != dim)) throw new ArgumentException($"initial centroids must have {dim} values like the points");
        var centroids = initialCentroids.Select(c => (double[])c.Clone()).ToArray();
        int n = points.Count;
        var assign = new int[n];
        var distance = new double[n];
        Assign(points, centroids, assign, distance);
        int reseeded = 0, iterations = 0;
        bool converged = false;
        var next = new int[n];
        while (iterations < maxIterations)
        {
            iterations++;
            reseeded += ReseedEmpty(points, centroids, assign, distance);
            Means(points, assign, centroids);
            Assign(points, centroids, next, distance);
            if (next.AsSpan().SequenceEqual(assign))
            {
                converged = true;
                break;
            }
            (assign, next) = (next, assign);
        }
        if (!converged)
        {
            reseeded += ReseedEmpty(points, centroids, assign, distance);
            Means(points, assign, centroids);
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += SquaredDistance(points[i], centroids[assign[i]]);
        return new KMeansResult(assign, centroids, inertia, iterations, converged, reseeded);
    }

    /// <summary>k-means++ initial centres drawn with <paramref name="rng"/>.</summary>
    public static double[][] PlusPlusCentres(IReadOnlyList<double[]> points, int k, SplitMix64 rng)
    {
        Check(points, k, 1);
        int n = points.Count;
        var centres = new List<double[]> { (double[])points[(int)rng.NextBelow((ulong)n)].Clone() };
        var nearest = new double[n];
        for (int i = 0; i < n; i++) nearest[i] = SquaredDistance(points[i], centres[0]);
        while (centres.Count < k)
        {
            double total = 0;
            foreach (var d in nearest) total += d;
            int pick;
            if (total > 0)
            {
                double u = (rng.Next() >> 11) * (1.0 / (1UL << 53)) * total, sum = 0;
                pick = -1;
                for (int i = 0; i < n; i++)
                {
                    if (nearest[i] <= 0) continue;
                    sum += nearest[i];
                    pick = i;
                    if (u < sum) break;
                }
            }
            else pick = (int)rng.NextBelow((ulong)n);
            var centre = (double[])points[pick].Clone();
            centres.Add(centre);
            for (int i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centre));
        }
        return centres.ToArray();
    }

    /// <summary>The index of the centroid nearest to <paramref name="x"/> (squared Euclidean distance, ties to the lower index).</summary>
    public static int Nearest(IReadOnlyList<double[]> centroids, double[] x)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int j = 0; j < centroids.Count; j++)
        {
            double d = SquaredDistance(x, centroids[j]);
            if (d < bestDistance) { bestDistance = d; best = j; }
        }
        return best;
    }

    /// <summary>Squared Euclidean distance.</summary>
    public static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int d = 0; d < a.Length; d++)
        {
            double diff = a[d] - b[d];
            s += diff * diff;
        }
        return s;
    }

    private static void Check(IReadOnlyList<double[]> points, int k, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("no points to cluster");
        if (k < 1 || k > points.Count) throw new ArgumentException($"k must be between 1 and the number of points ({points.Count}); got {k}");
        if (maxIterations < 1) throw new ArgumentException($"at least one iteration is needed (got {maxIterations})");
        int dim = points[0].Length;
        if (dim == 0) throw new ArgumentException("points have no values");
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i].Length != dim) throw new ArgumentException($"point {i} has {points[i].Length} values, point 0 has {dim}");
            if (points[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"point {i} holds a non-finite value");
        }
    }

    private static void Assign(IReadOnlyList<double[]> points, double[][] centroids, int[] assign, double[] distance)
    {
        for (int i = 0; i < points.Count; i++)
        {
            int best = Nearest(centroids, points[i]);
            assign[i] = best;
            distance[i] = SquaredDistance(points[i], centroids[best]);
        }
    }

    /// <summary>Gives every empty cluster the farthest point of a cluster with more than one point; returns how many were re-seeded.</summary>
    private static int ReseedEmpty(IReadOnlyList<double[]> points, double[][] centroids, int[] assign, double[] distance)
    {
        var sizes = new int[centroids.Length];
        foreach (var a in assign) sizes[a]++;
        int reseeded = 0;
        for (int j = 0; j < centroids.Length; j++)
        {
            if (sizes[j] > 0) continue;
            int far = -1;
            for (int i = 0; i < points.Count; i++)
                if (sizes[assign[i]] > 1 && (far < 0 || distance[i] > distance[far])) far = i;
            // k ≤ n guarantees a cluster with two or more points while another is empty.
            sizes[assign[far]]--;
            assign[far] = j;
            sizes[j] = 1;
            distance[far] = 0;
            centroids[j] = (double[])points[far].Clone();
            reseeded++;
        }
        return reseeded;
    }

    private static void Means(IReadOnlyList<double[]> points, int[] assign, double[][] centroids)
    {
        int dim = points[0].Length;
        var sums = new double[centroids.Length][];
        var counts = new int[centroids.Length];
        for (int j = 0; j < centroids.Length; j++) sums[j] = new double[dim];
        for (int i = 0; i < points.Count; i++)
        {
            var s = sums[assign[i]];
            var x = points[i];
            for (int d = 0; d < dim; d++) s[d] += x[d];
            counts[assign[i]]++;
        }
        for (int j = 0; j < centroids.Length; j++)
        {
            if (counts[j] == 0) continue; // kept (only after the last iteration's re-seeding this cannot happen)
            for (int d = 0; d < dim; d++) sums[j][d] /= counts[j];
            centroids[j] = sums[j];
        }
    }
}
