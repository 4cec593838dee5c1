namespace SerKit.Attributes;

/// <summary>The predicted attributes of one recording (name → value, in the model's output order), its cluster for a DeepEmoCluster model, and the windows scored.</summary>
public sealed record AttributeResult(IReadOnlyDictionary<string, double> Values, int? Cluster, int Windows);
