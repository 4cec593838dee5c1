namespace SerKit.Training;

/// <summary>An utterance and its label per task (class index into the task's classes; null = masked, no evidence).</summary>
public sealed record TrainingExample(string Id, IReadOnlyList<int?> Labels)
{
    /// <summary>
    /// Optional target vector per task (one value per class, non-negative, normalised by the loss; null = none) for tasks
    /// trained with a <see cref="TaskObjective"/>: multi-label or vote-share targets. A task with an objective and no target
    /// vector uses the one-hot vector of <see cref="Labels"/> (or masks the example when that is null too).
    /// </summary>
    public IReadOnlyList<float[]?>? Targets { get; init; }
}
