using SerKit.Attributes;
using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>
/// How the emotional attributes differ between a DeepEmoCluster condition's clusters (main label fraction, test sets): η² per attribute
/// (share of the attribute's variance the clusters explain; mean ± std over the runs, null where no run defines it) and, since cluster
/// numbers are arbitrary per run, the full table and plot of one run (the first complete pair).
/// </summary>
internal sealed record ReportAttributeClusters(string Condition, int Runs, IReadOnlyList<MeanStd?> EtaSquared, int ExampleFold, long ExampleSeed,
    ClusterAttributeTable? Example, string? ExamplePlot);
