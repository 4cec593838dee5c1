namespace SerKit.Attributes;

/// <summary>
/// One row of an attribute model's <c>train_log.csv</c>: mean training loss (CCC loss + weight · cluster loss) and its parts, the
/// validation CCC per attribute and their mean, and for DeepEmoCluster the epoch's k-means inertia (sum of squared distances of the
/// clustered embeddings to their centroids), the number of re-seeded empty clusters, and the wall time.
/// </summary>
public sealed record AttributeEpochRecord(int Epoch, double TrainLoss, double CccLoss, double? ClusterLoss, double ValidMeanCcc,
    IReadOnlyList<double> ValidCcc, double? KMeansInertia, int? ReseededClusters, double Seconds);
