using System.Text.Json.Serialization;

namespace SerKit.Training;

/// <summary>A classification task trained on one head: its name (<c>t1</c>, <c>t2</c>, <c>t3</c>, <c>ser</c>), class names, and loss weight.</summary>
public sealed record TaskSpec(string Name, IReadOnlyList<string> Classes, double Weight = 1.0)
{
    /// <summary>
    /// A soft-target objective (label type, co-occurrence penalty, α) trained from each example's target vector; null (the
    /// default, and what pre-training uses) trains the plain cross-entropy of the integer label.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TaskObjective? Objective { get; init; }
}
