namespace SerKit.Evaluation;

/// <summary>
/// One row of a <see cref="ComparisonTable"/>: a condition's summary and, for conditions other than
/// the baseline, the gain over the baseline and the paired tests of each compared metric.
/// </summary>
public sealed class ConditionComparison
{
    internal ConditionComparison(ConditionSummary summary, bool isBaseline,
        IReadOnlyDictionary<string, double> gains, IReadOnlyDictionary<string, PairedComparison> tests)
    {
        Summary = summary;
        IsBaseline = isBaseline;
        Gains = gains;
        Tests = tests;
    }

    /// <summary>The condition's runs and mean ± std of each metric.</summary>
    public ConditionSummary Summary { get; }

    /// <summary>Whether this row is the baseline.</summary>
    public bool IsBaseline { get; }

    /// <summary>Mean of the condition minus mean of the baseline, per metric (fractions); empty for the baseline.</summary>
    public IReadOnlyDictionary<string, double> Gains { get; }

    /// <summary>Paired tests against the baseline per metric; empty for the baseline or with fewer than two pairs.</summary>
    public IReadOnlyDictionary<string, PairedComparison> Tests { get; }
}
