namespace SerKit.Evaluation;

/// <summary>The contents of a <c>predictions.csv</c>: the class names (from the <c>score_&lt;class&gt;</c> columns) and one prediction per row.</summary>
public sealed record PredictionTable(IReadOnlyList<string> Classes, IReadOnlyList<Prediction> Predictions)
{
    /// <summary>Metrics of the rows that carry a label (rows without one are skipped).</summary>
    /// <exception cref="ArgumentException">No row has a label.</exception>
    public ClassificationMetrics Metrics() => ClassificationMetrics.Compute(Predictions, Classes);
}
