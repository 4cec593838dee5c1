namespace SerKit.Evaluation;

/// <summary>
/// One condition's line of a label-efficiency plot: the metric (mean ± std, fractions) at each share of the
/// training labels (fractions in (0, 1]); a fraction without runs is left out.
/// </summary>
public sealed record LabelEfficiencySeries(string Condition, IReadOnlyList<double> LabelFractions, IReadOnlyList<MeanStd> Values);
