namespace SerKit.Inference;

/// <summary>The predicted label of an utterance and the posterior of every class (summing to 1), in the model's class order.</summary>
public sealed record ClassificationResult(string Label, IReadOnlyDictionary<string, float> Scores)
{
    /// <summary>The number of windows the utterance was scored in (1 when it fits in one window).</summary>
    public int Windows { get; init; } = 1;
}
