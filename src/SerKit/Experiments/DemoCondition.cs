namespace SerKit.Experiments;

/// <summary>
/// One row of the paper's table: the pretext tasks the encoder was pre-trained on before
/// fine-tuning for SER; no tasks is the baseline (the same network trained from scratch).
/// </summary>
public sealed record DemoCondition(string Name, IReadOnlyList<string> Tasks)
{
    public bool IsBaseline => Tasks.Count == 0;

    /// <summary>Folder-safe name, e.g. <c>t1+t2+t3</c>.</summary>
    public string Slug => IsBaseline ? "baseline" : string.Join("+", Tasks);

    /// <summary>Baseline, each task alone, and all three together (the paper's main rows).</summary>
    public static IReadOnlyList<DemoCondition> Default { get; } = new[]
    {
        new DemoCondition("baseline", Array.Empty<string>()),
        new DemoCondition("T1", new[] { "t1" }),
        new DemoCondition("T2", new[] { "t2" }),
        new DemoCondition("T3", new[] { "t3" }),
        new DemoCondition("T1+T2+T3", new[] { "t1", "t2", "t3" }),
    };
}
