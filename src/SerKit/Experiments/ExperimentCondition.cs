namespace SerKit.Experiments;

/// <summary>
/// One row of the paper's table: the pretext tasks the encoder is pre-trained on before fine-tuning for SER;
/// no task is the baseline (the same network trained from scratch).
/// </summary>
public sealed record ExperimentCondition
{
    private static readonly string[] AllTasks = ["t1", "t2", "t3"];

    private ExperimentCondition(IReadOnlyList<string> tasks) => Tasks = tasks;

    /// <summary>Pretext tasks in t1, t2, t3 order; empty for the baseline.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>True for the baseline.</summary>
    public bool IsBaseline => Tasks.Count == 0;

    /// <summary>Name in tables: <c>baseline</c>, <c>T1</c>, <c>T1+T3</c>, …</summary>
    public string Name => IsBaseline ? "baseline" : string.Join("+", Tasks.Select(t => t.ToUpperInvariant()));

    /// <summary>Folder-safe name: <c>baseline</c>, <c>t1</c>, <c>t1+t3</c>, …</summary>
    public string Slug => IsBaseline ? "baseline" : string.Join("+", Tasks);

    /// <summary>The baseline.</summary>
    public static ExperimentCondition Baseline { get; } = new([]);

    /// <summary>The baseline, each task alone, each pair and all three (8 rows, the paper's table).</summary>
    public static IReadOnlyList<ExperimentCondition> All { get; } = Enumerable.Range(0, 8)
        .Select(mask => new ExperimentCondition(AllTasks.Where((_, k) => (mask & (1 << k)) != 0).ToArray()))
        .OrderBy(c => c.Tasks.Count).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Parses <c>baseline</c> (or <c>none</c>) or tasks joined by <c>+</c> (<c>t1+t3</c>, case-insensitive, any order).
    /// Throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static ExperimentCondition Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is "baseline" or "none") return Baseline;
        var parts = t.Split('+', StringSplitOptions.TrimEntries);
        foreach (var p in parts)
            if (!AllTasks.Contains(p)) throw new ArgumentException($"unknown condition '{text}': use baseline or pretext tasks t1, t2, t3 joined by '+'");
        if (parts.Distinct().Count() != parts.Length) throw new ArgumentException($"condition '{text}' lists a task twice");
        return new ExperimentCondition(AllTasks.Where(parts.Contains).ToArray());
    }

    /// <summary>
    /// The conditions of a recipe in table order (baseline first, then by number of tasks): <c>all</c> alone gives
    /// <see cref="All"/>; the baseline is added when missing (every gain is measured against it); repeats are refused.
    /// </summary>
    public static IReadOnlyList<ExperimentCondition> ParseList(IReadOnlyList<string> items)
    {
        if (items.Count == 0) throw new ArgumentException("give at least one condition");
        if (items.Count == 1 && items[0].Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return All;
        var parsed = items.Select(Parse).ToList();
        if (parsed.Select(c => c.Slug).Distinct().Count() != parsed.Count) throw new ArgumentException("a condition is listed twice");
        if (!parsed.Any(c => c.IsBaseline)) parsed.Add(Baseline);
        return parsed.OrderBy(c => c.Tasks.Count).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public bool Equals(ExperimentCondition? other) => other is not null && Slug == other.Slug;

    /// <inheritdoc />
    public override int GetHashCode() => Slug.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
