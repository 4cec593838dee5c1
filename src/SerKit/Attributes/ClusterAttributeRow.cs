namespace SerKit.Attributes;

/// <summary>
/// One cluster's row of a <see cref="ClusterAttributeTable"/>: the cluster, how many rated utterances fall in it, and per attribute their
/// mean and sample standard deviation (NaN when the cluster has no rated utterance, the deviation also with only one).
/// </summary>
public sealed record ClusterAttributeRow(int Cluster, int Size, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
