namespace SerKit.Evaluation;

/// <summary>One evaluation (one condition, fold and seed) as read from a <c>results.json</c>.</summary>
public sealed record EvaluationResult(EvaluationInfo Info, ClassificationMetrics Metrics, string? SourcePath = null);
