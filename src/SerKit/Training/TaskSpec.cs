namespace SerKit.Training;

/// <summary>A classification task trained on one head: its name (<c>t1</c>, <c>t2</c>, <c>t3</c>, <c>ser</c>), class names, and loss weight.</summary>
public sealed record TaskSpec(string Name, IReadOnlyList<string> Classes, double Weight = 1.0);
