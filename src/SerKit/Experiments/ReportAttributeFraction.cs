namespace SerKit.Experiments;

/// <summary>The attribute table at one label fraction: the (fold, seed) pairs every condition with results has finished and one row per such condition.</summary>
internal sealed record ReportAttributeFraction(double Fraction, bool IsMain, IReadOnlyList<(int Fold, long Seed)> Pairs, IReadOnlyList<ReportAttributeRow> Rows,
    IReadOnlyList<string> ConditionsWithoutRuns);
