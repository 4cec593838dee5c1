using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>A condition's confusion matrix summed over the runs (folds × seeds) of the main table.</summary>
internal sealed record ReportConfusion(string Condition, ClassificationMetrics Metrics, int Runs);
