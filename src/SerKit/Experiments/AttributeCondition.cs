namespace SerKit.Experiments;

/// <summary>
/// One row of an experiment's attribute table (docs/deepemocluster.md): how the emotional-attribute regressor is trained. <c>regressor</c>
/// is the regressor alone (the reference row); <c>deepemocluster</c> adds DeepEmoCluster's self-supervised clustering of the labelled
/// training utterances; <c>deepemocluster+unlabelled</c> clusters the pre-training corpora's utterances too (the extra unlabelled data).
/// Prefixed with pretext tasks and <c>:</c> (<c>t3:regressor</c>, <c>t1+t2+t3:deepemocluster</c>) the encoder starts from the model
/// pre-trained on those tasks instead of from scratch.
/// </summary>
public sealed record AttributeCondition
{
    private AttributeCondition(ExperimentCondition pretraining, bool clustering, bool unlabelled)
    {
        Pretraining = pretraining;
        Clustering = clustering;
        Unlabelled = unlabelled;
    }

    /// <summary>The pretext tasks of the starting encoder (<see cref="ExperimentCondition.Baseline"/> = from scratch).</summary>
    public ExperimentCondition Pretraining { get; }

    /// <summary>True for DeepEmoCluster (cluster head and per-epoch k-means), false for the regressor alone.</summary>
    public bool Clustering { get; }

    /// <summary>True when the pre-training corpora's utterances join the clustering.</summary>
    public bool Unlabelled { get; }

    /// <summary>True for the reference row: the regressor alone, from scratch.</summary>
    public bool IsReference => Pretraining.IsBaseline && !Clustering;

    /// <summary>Name in tables: <c>regressor</c>, <c>DeepEmoCluster</c>, <c>DeepEmoCluster+unlabelled</c>, <c>T3:regressor</c>; <see cref="Parse"/> reads it back.</summary>
    public string Name => (Pretraining.IsBaseline ? "" : Pretraining.Name + ":") + Method;

    /// <summary>Folder-safe name: <c>regressor</c>, <c>deepemocluster</c>, <c>deepemocluster+unlabelled</c>, <c>t3_regressor</c>.</summary>
    public string Slug => (Pretraining.IsBaseline ? "" : Pretraining.PretrainingSlug + "_") + Method.ToLowerInvariant();

    private string Method => Clustering ? (Unlabelled ? "DeepEmoCluster+unlabelled" : "DeepEmoCluster") : "regressor";

    /// <summary>The reference row: the regressor alone, trained from scratch.</summary>
    public static AttributeCondition Reference { get; } = new(ExperimentCondition.Baseline, false, false);

    /// <summary>
    /// Parses <c>regressor</c>, <c>deepemocluster</c> or <c>deepemocluster+unlabelled</c> (case-insensitive), optionally after pretext tasks
    /// and <c>:</c> (<c>t1+t3:regressor</c>). Throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static AttributeCondition Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var colon = t.IndexOf(':');
        var pretraining = ExperimentCondition.Baseline;
        if (colon >= 0)
        {
            var tasks = t[..colon].Trim();
            try { pretraining = ExperimentCondition.Parse(tasks); }
            catch (ArgumentException e) { throw new ArgumentException($"attribute condition '{text}': {e.Message}", e); }
            t = t[(colon + 1)..].Trim();
        }
        return t switch
        {
            "regressor" => new AttributeCondition(pretraining, false, false),
            "deepemocluster" => new AttributeCondition(pretraining, true, false),
            "deepemocluster+unlabelled" or "deepemocluster+unlabeled" => new AttributeCondition(pretraining, true, true),
            _ => throw new ArgumentException($"unknown attribute condition '{text}': use regressor, deepemocluster or deepemocluster+unlabelled, optionally after pretext tasks and ':' (t3:regressor)"),
        };
    }

    /// <summary>
    /// The attribute conditions of a recipe in table order (the reference <c>regressor</c> first, added when missing, then by pre-training
    /// and method); an empty list gives no attribute study; repeats are refused.
    /// </summary>
    public static IReadOnlyList<AttributeCondition> ParseList(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return [];
        var parsed = items.Select(Parse).ToList();
        if (parsed.Select(c => c.Slug).Distinct().Count() != parsed.Count) throw new ArgumentException("an attribute condition is listed twice");
        if (!parsed.Contains(Reference)) parsed.Add(Reference);
        return parsed.OrderBy(c => c.Pretraining.Tasks.Count).ThenBy(c => c.Pretraining.PretrainingSlug, StringComparer.Ordinal)
            .ThenBy(c => c.Clustering).ThenBy(c => c.Unlabelled).ToArray();
    }

    /// <inheritdoc />
    public bool Equals(AttributeCondition? other) => other is not null && Slug == other.Slug;

    /// <inheritdoc />
    public override int GetHashCode() => Slug.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
