using SerKit.Attributes;

namespace SerKit.Experiments;

/// <summary>
/// The emotional-attribute study of a recipe (docs/deepemocluster.md): which manifest columns are regressed, the conditions (the regressor
/// alone against DeepEmoCluster, with and without the pre-training corpora as extra unlabelled data), and DeepEmoCluster's settings. The
/// runs use the recipe's folds, seeds, label fractions, model and <c>fine_tuning</c> options (early stopping on the validation mean CCC).
/// </summary>
public sealed record AttributesRecipe
{
    /// <summary>Attribute columns of the labelled corpus, in table order.</summary>
    public IReadOnlyList<string> Names { get; init; } = EmotionalAttributes.Default;

    /// <summary>
    /// The rows of the attribute table (<see cref="AttributeCondition.Parse"/>): <c>regressor</c>, <c>deepemocluster</c>,
    /// <c>deepemocluster+unlabelled</c>, optionally after pretext tasks (<c>t3:regressor</c>); empty = no attribute study.
    /// <c>regressor</c> is added when missing (every gain is measured against it).
    /// </summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>k of DeepEmoCluster's k-means.</summary>
    public int Clusters { get; init; } = 10;

    /// <summary>Weight of the cluster cross-entropy relative to the CCC loss.</summary>
    public double ClusterWeight { get; init; } = 1.0;

    /// <summary>Cluster the labelled training utterances together with the unlabelled ones.</summary>
    public bool IncludeLabelled { get; init; } = true;

    /// <summary>Scale the embeddings to unit length before k-means.</summary>
    public bool L2Normalize { get; init; } = true;

    /// <summary>Use at most this many of the pre-training corpora's utterances for <c>+unlabelled</c> (chosen with the seed); null = all.</summary>
    public int? UnlabelledLimit { get; init; }

    /// <summary>The conditions in table order, the reference first; empty when there is no attribute study.</summary>
    public IReadOnlyList<AttributeCondition> ResolveConditions() => AttributeCondition.ParseList(Conditions);

    /// <summary>DeepEmoCluster's options from these settings.</summary>
    public DeepEmoClusterOptions ToClusteringOptions() => new()
    {
        Clusters = Clusters,
        Weight = ClusterWeight,
        IncludeLabelled = IncludeLabelled,
        L2Normalize = L2Normalize,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (as a recipe key path).</summary>
    public void Validate()
    {
        try { EmotionalAttributes.Validate(Names); }
        catch (ArgumentException e) { throw new ArgumentException($"attributes.names: {e.Message}", e); }
        IReadOnlyList<AttributeCondition> conditions;
        try { conditions = ResolveConditions(); }
        catch (ArgumentException e) { throw new ArgumentException($"attributes.conditions: {e.Message}", e); }
        if (conditions.Count == 0) return;
        try { ToClusteringOptions().Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"attributes: {e.Message}", e); }
        if (UnlabelledLimit is < 1) throw new ArgumentException($"attributes.unlabelled_limit: must be at least 1, or null for all (got {UnlabelledLimit})");
        if (!IncludeLabelled && conditions.Any(c => c.Clustering && !c.Unlabelled))
            throw new ArgumentException("attributes.include_labelled: 'deepemocluster' without '+unlabelled' clusters the labelled training utterances; it cannot be false then");
    }
}
