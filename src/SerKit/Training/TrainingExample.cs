namespace SerKit.Training;

/// <summary>An utterance and its label per task (class index into the task's classes; null = masked, no evidence).</summary>
public sealed record TrainingExample(string Id, IReadOnlyList<int?> Labels);
