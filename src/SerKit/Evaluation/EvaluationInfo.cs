namespace SerKit.Evaluation;

/// <summary>
/// What an evaluation was run on, written next to its metrics in <c>results.json</c>:
/// the protocol (e.g. <c>crema-d-5fold</c>), whether it is speaker-independent, the fold and
/// seed, and optionally the condition (e.g. <c>baseline</c>, <c>T1+T2+T3</c>) and split.
/// </summary>
public sealed record EvaluationInfo(
    string Protocol,
    bool SpeakerIndependent,
    int? Fold,
    long? Seed,
    string? Condition = null,
    string? Split = null);
