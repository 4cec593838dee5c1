namespace SerKit.Evaluation;

/// <summary>
/// Outcome of a two-sided paired test of condition A against condition B over the same
/// folds × seeds: the number of pairs used, the mean difference A − B, the test statistic
/// (t for the t-test, W+ for Wilcoxon, the mean difference for the sign-flip test), the
/// two-sided p-value, and how the p-value was obtained.
/// </summary>
public sealed record PairedTestResult(
    string Test,
    int N,
    double MeanDifference,
    double Statistic,
    double PValue,
    string Method);
