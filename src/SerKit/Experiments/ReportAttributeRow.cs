using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>
/// One attribute condition's row at one label fraction: test CCC per attribute and mean CCC (mean ± std over folds, seeds averaged inside
/// a fold), the mean CCC per fold, and against the reference row the difference of mean CCC with paired tests over the (fold, seed) pairs
/// (null for the reference itself or with fewer than two pairs).
/// </summary>
internal sealed record ReportAttributeRow(string Condition, int Runs, IReadOnlyList<MeanStd> Ccc, MeanStd MeanCcc,
    IReadOnlyDictionary<int, double> FoldMeanCcc, double? Gain, PairedTestResult? TTest, PairedTestResult? Wilcoxon, PairedTestResult? SignFlip)
{
    /// <summary>True for the reference row (<c>regressor</c>).</summary>
    public bool IsReference => Condition == AttributeCondition.Reference.Name;
}
