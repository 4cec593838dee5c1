namespace SerKit.Attributes;

/// <summary>
/// A k-means partition: the cluster of every point, the centroids (the mean of each cluster's points), the sum of squared
/// distances of the points to their centroids (inertia), the Lloyd iterations run, whether the assignments stopped changing,
/// and how many times an empty cluster was re-seeded.
/// </summary>
public sealed record KMeansResult(int[] Assignments, double[][] Centroids, double Inertia, int Iterations, bool Converged, int Reseeded)
{
    /// <summary>Points per cluster.</summary>
    public int[] Sizes
    {
        get
        {
            var sizes = new int[Centroids.Length];
            foreach (var a in Assignments) sizes[a]++;
            return sizes;
        }
    }
}
