using SerKit.Evaluation;

namespace SerKit.Attributes;

/// <summary>One attribute evaluation read back from its <c>results.json</c>: what it was run on, the scores, and the file.</summary>
public sealed record AttributeEvaluationResult(EvaluationInfo Info, AttributeMetrics Metrics, string Path);
