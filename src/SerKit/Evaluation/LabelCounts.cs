namespace SerKit.Evaluation;

/// <summary>A titled label distribution (label → count, in display order), one panel of a multi-panel bar chart.</summary>
public sealed record LabelCounts(string Title, IReadOnlyList<KeyValuePair<string, int>> Counts);
