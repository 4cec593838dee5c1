namespace SerKit.Experiments;

/// <summary>A PNG of an experiment report: its kind (<c>confusion</c>, <c>learning_curves</c>, <c>labels</c>, <c>pretext</c>, <c>label_efficiency</c>), what it shows (a condition, split or pretext set; null for the single label-efficiency plot) and its path relative to the experiment folder.</summary>
public sealed record ReportPlot(string Kind, string? Subject, string RelativePath);
