using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>
/// The results of one label fraction in an experiment report: the complete (fold, seed) pairs the table uses, the
/// conditions without any run, the runs left out because their pair is incomplete, and the table (null when the
/// baseline has no run or no pair is complete).
/// </summary>
internal sealed record ReportFraction(
    double Fraction,
    bool IsMain,
    IReadOnlyList<(int Fold, long Seed)> Pairs,
    IReadOnlyList<string> ConditionsWithoutRuns,
    IReadOnlyList<ExperimentRunKey> Excluded,
    ComparisonTable? Table);
