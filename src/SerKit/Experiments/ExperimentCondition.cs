using SerKit.Labels;

namespace SerKit.Experiments;

/// <summary>
/// One row of the paper's table: the pretext tasks the encoder is pre-trained on before fine-tuning for SER (no task:
/// the same network trained from scratch), and how the SER head is trained: the label type (consensus label, every
/// class a rater chose, or the vote shares) and whether the co-occurrence penalty is added (docs/cooccurrence.md).
/// Written <c>t1+t3</c>, <c>baseline</c>, <c>t3:distribution</c>, <c>baseline:hard+penalty</c>, ….
/// </summary>
public sealed record ExperimentCondition
{
    private static readonly string[] AllTasks = ["t1", "t2", "t3"];

    private ExperimentCondition(IReadOnlyList<string> tasks, LabelType labelType = LabelType.Hard, bool penalty = false)
    {
        Tasks = tasks;
        LabelType = labelType;
        Penalty = penalty;
    }

    /// <summary>Pretext tasks in t1, t2, t3 order; empty without pre-training.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Fine-tuning targets (default: the consensus label).</summary>
    public LabelType LabelType { get; }

    /// <summary>Fine-tuning adds the co-occurrence penalty (built per fold from the training speakers' votes).</summary>
    public bool Penalty { get; }

    /// <summary>True without pre-training (any label type).</summary>
    public bool IsBaseline => Tasks.Count == 0;

    /// <summary>True when the labels are trained as in the paper: consensus labels, no penalty.</summary>
    public bool HasDefaultLabels => LabelType == LabelType.Hard && !Penalty;

    /// <summary>Name in tables: <c>baseline</c>, <c>T1</c>, <c>T1+T3</c>, <c>T3:distribution+penalty</c>, …; <see cref="Parse"/> reads it back.</summary>
    public string Name => TasksName + LabelSuffix(":");

    /// <summary>Folder-safe name: <c>baseline</c>, <c>t1</c>, <c>t1+t3</c>, <c>t3_distribution+penalty</c>, …</summary>
    public string Slug => PretrainingSlug + LabelSuffix("_");

    /// <summary>Folder-safe name of the pre-training alone (conditions that differ only in their labels share the encoder).</summary>
    public string PretrainingSlug => IsBaseline ? "baseline" : string.Join("+", Tasks);

    private string TasksName => IsBaseline ? "baseline" : string.Join("+", Tasks.Select(t => t.ToUpperInvariant()));

    private string LabelSuffix(string separator) =>
        HasDefaultLabels ? "" : separator + LabelTypeName(LabelType) + (Penalty ? "+penalty" : "");

    /// <summary>The reference row: no pre-training, consensus labels, no penalty.</summary>
    public static ExperimentCondition Baseline { get; } = new([]);

    /// <summary>The baseline, each task alone, each pair and all three (8 rows, the paper's table).</summary>
    public static IReadOnlyList<ExperimentCondition> All { get; } = Enumerable.Range(0, 8)
        .Select(mask => new ExperimentCondition(AllTasks.Where((_, k) => (mask & (1 << k)) != 0).ToArray()))
        .OrderBy(c => c.Tasks.Count).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray();

    /// <summary>The recipe name of a label type: <c>hard</c>, <c>multi_label</c>, <c>distribution</c>.</summary>
    public static string LabelTypeName(LabelType t) => t switch
    {
        LabelType.MultiLabel => "multi_label",
        LabelType.Distribution => "distribution",
        _ => "hard",
    };

    /// <summary>
    /// Parses <c>baseline</c> (or <c>none</c>) or tasks joined by <c>+</c> (<c>t1+t3</c>, case-insensitive, any order),
    /// optionally followed by <c>:</c> and the labels: <c>hard</c>, <c>multi_label</c> or <c>distribution</c>, with
    /// <c>+penalty</c> for the co-occurrence penalty (<c>t3:distribution+penalty</c>, <c>baseline:hard+penalty</c>).
    /// Throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static ExperimentCondition Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var colon = t.IndexOf(':');
        var tasksText = colon < 0 ? t : t[..colon].Trim();
        var labels = LabelType.Hard;
        bool penalty = false;
        if (colon >= 0)
        {
            var parts = t[(colon + 1)..].Split('+', StringSplitOptions.TrimEntries);
            labels = parts[0] switch
            {
                "hard" => LabelType.Hard,
                "multi_label" or "multi-label" => LabelType.MultiLabel,
                "distribution" => LabelType.Distribution,
                _ => throw new ArgumentException($"condition '{text}': unknown label type '{parts[0]}' (hard, multi_label, distribution)"),
            };
            foreach (var p in parts.Skip(1))
                penalty = p == "penalty" && !penalty ? true : throw new ArgumentException($"condition '{text}': after the label type only '+penalty' may follow");
        }
        if (tasksText is "baseline" or "none") return new ExperimentCondition([], labels, penalty);
        var tasks = tasksText.Split('+', StringSplitOptions.TrimEntries);
        foreach (var p in tasks)
            if (!AllTasks.Contains(p)) throw new ArgumentException($"unknown condition '{text}': use baseline or pretext tasks t1, t2, t3 joined by '+', optionally ':' and a label type");
        if (tasks.Distinct().Count() != tasks.Length) throw new ArgumentException($"condition '{text}' lists a task twice");
        return new ExperimentCondition(AllTasks.Where(tasks.Contains).ToArray(), labels, penalty);
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
        if (!parsed.Contains(Baseline)) parsed.Add(Baseline);
        return parsed.OrderBy(c => c.Tasks.Count).ThenBy(c => c.PretrainingSlug, StringComparer.Ordinal)
            .ThenBy(c => c.HasDefaultLabels ? 0 : 1).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public bool Equals(ExperimentCondition? other) => other is not null && Slug == other.Slug;

    /// <inheritdoc />
    public override int GetHashCode() => Slug.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
