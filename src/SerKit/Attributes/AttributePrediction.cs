namespace SerKit.Attributes;

/// <summary>One utterance's predicted attributes, its rated values when known, and its cluster (nearest k-means centroid of a DeepEmoCluster model) when known.</summary>
public sealed record AttributePrediction(string Key, double[] Predicted, double[]? Truth, int? Cluster = null);
