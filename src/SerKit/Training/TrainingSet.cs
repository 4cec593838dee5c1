namespace SerKit.Training;

/// <summary>Examples and where their features come from.</summary>
public sealed record TrainingSet(IReadOnlyList<TrainingExample> Examples, IFeatureSource Features)
{
    /// <summary>Throws <see cref="ArgumentException"/> when the set is empty, an example's label (or target vector) count differs from <paramref name="tasks"/>, a label is out of range, a target vector is malformed, or features are missing.</summary>
    public void Validate(IReadOnlyList<TaskSpec> tasks, string what)
    {
        if (Examples.Count == 0) throw new ArgumentException($"{what}: no utterances to train on");
        foreach (var e in Examples)
        {
            if (e.Labels.Count != tasks.Count) throw new ArgumentException($"{what}: utterance '{e.Id}' has {e.Labels.Count} labels for {tasks.Count} tasks");
            for (int k = 0; k < tasks.Count; k++)
                if (e.Labels[k] is int y && (y < 0 || y >= tasks[k].Classes.Count))
                    throw new ArgumentException($"{what}: utterance '{e.Id}' has label {y} for task {tasks[k].Name} of {tasks[k].Classes.Count} classes");
            if (e.Targets is { } targets)
            {
                if (targets.Count != tasks.Count) throw new ArgumentException($"{what}: utterance '{e.Id}' has {targets.Count} target vectors for {tasks.Count} tasks");
                for (int k = 0; k < tasks.Count; k++)
                {
                    if (targets[k] is not { } t) continue;
                    if (tasks[k].Objective is null) throw new ArgumentException($"{what}: utterance '{e.Id}' has a target vector for task {tasks[k].Name}, which has no soft-target objective");
                    if (t.Length != tasks[k].Classes.Count) throw new ArgumentException($"{what}: utterance '{e.Id}' has a target vector of {t.Length} values for task {tasks[k].Name} of {tasks[k].Classes.Count} classes");
                    if (t.Any(v => !float.IsFinite(v) || v < 0) || t.Sum() <= 0)
                        throw new ArgumentException($"{what}: utterance '{e.Id}' has a target vector for task {tasks[k].Name} that is not finite, non-negative and non-zero");
                }
            }
            if (!Features.Contains(e.Id)) throw new ArgumentException($"{what}: no features for utterance '{e.Id}'");
        }
    }
}
