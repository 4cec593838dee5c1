namespace SerKit.Attributes;

/// <summary>
/// An attribute evaluation in memory: the scores, one prediction per rated utterance (with its cluster for a DeepEmoCluster model), how many
/// utterances of the manifest lacked an attribute value and were left out, and for a DeepEmoCluster model the attributes per cluster.
/// </summary>
public sealed record AttributeEvaluationOutput(AttributeMetrics Metrics, IReadOnlyList<AttributePrediction> Predictions, int Unrated, ClusterAttributeTable? Clusters);
