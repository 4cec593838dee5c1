namespace SerKit.Evaluation;

/// <summary>
/// What an evaluation was run on, written next to its metrics in <c>results.json</c>:
/// the protocol (e.g. <c>crema-d-5fold</c>), whether it is speaker-independent, the fold and
/// seed, and optionally the condition (e.g. <c>baseline</c>, <c>T1+T2+T3</c>), the split and the
/// share of the training labels the model was fine-tuned on (label-efficiency studies).
/// </summary>
public sealed record EvaluationInfo(
    string Protocol,
    bool SpeakerIndependent,
    int? Fold,
    long? Seed,
    string? Condition = null,
    string? Split = null,
    double? LabelFraction = null)
{
    /// <summary>A short title such as <c>T1+T2+T3, fold 2, seed 0</c>; null when none of these is set.</summary>
    public string? Title
    {
        get
        {
            var parts = new List<string>();
            if (Condition is { } c) parts.Add(c);
            if (Fold is { } f) parts.Add($"fold {f}");
            if (Seed is { } s) parts.Add($"seed {s}");
            if (LabelFraction is { } l) parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l:0.##%} of the labels"));
            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
    }
}
