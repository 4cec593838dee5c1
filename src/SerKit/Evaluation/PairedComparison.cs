namespace SerKit.Evaluation;

/// <summary>The three paired tests of one metric, condition against baseline, over the same folds × seeds.</summary>
public sealed record PairedComparison(PairedTestResult TTest, PairedTestResult Wilcoxon, PairedTestResult SignFlip);
