namespace SerKit.Evaluation;

/// <summary>Options of <see cref="ComparisonTable.Build"/>: which metrics the table compares and how runs are summarised.</summary>
public sealed record ComparisonOptions
{
    /// <summary>
    /// Metrics whose gains and paired tests are computed and that <see cref="ComparisonTable.ToMarkdown()"/> shows
    /// (names of <see cref="ConditionSummary.MetricNames"/>); default macro precision, recall and F1.
    /// </summary>
    public IReadOnlyList<string> Metrics { get; init; } = ComparisonTable.ComparedMetrics;

    /// <summary>How mean ± std are computed; the paired tests always pair single runs by (fold, seed).</summary>
    public RunAggregation Aggregation { get; init; } = RunAggregation.AllRuns;
}
