namespace SerKit.Attributes;

/// <summary>
/// The self-supervised part of DeepEmoCluster (Lin, Sridhar &amp; Busso, ICASSP 2021): every epoch, k-means with
/// <see cref="Clusters"/> clusters on the encoder's utterance embeddings (L2-normalised unless <see cref="L2Normalize"/> is off) of the
/// unlabelled utterances and, with <see cref="IncludeLabelled"/>, the labelled training utterances gives pseudo-labels; a freshly
/// initialised cluster head is trained on them jointly with the attribute regressor, loss = CCC loss + <see cref="Weight"/> · cluster
/// cross-entropy.
/// </summary>
public sealed record DeepEmoClusterOptions
{
    /// <summary>k of k-means (the DeepEmoCluster release uses 10 for arousal, 30 for valence and dominance).</summary>
    public int Clusters { get; init; } = 10;

    /// <summary>Weight of the cluster cross-entropy relative to the CCC loss (1 = the paper's plain sum).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Cluster the labelled training utterances together with the unlabelled ones (and train the cluster head on their pseudo-labels too).</summary>
    public bool IncludeLabelled { get; init; } = true;

    /// <summary>Scale every embedding to unit length before k-means (as DeepCluster, which also PCA-whitens; SerKit does not).</summary>
    public bool L2Normalize { get; init; } = true;

    /// <summary>
    /// Most unlabelled utterances embedded in one forward pass of a step (null = the batch size). A step's unlabelled share beyond this
    /// is embedded in further passes whose gradients add up before the update, so memory stays that of about two batches however large
    /// the unlabelled set; the update is the same up to floating-point rounding.
    /// </summary>
    public int? UnlabelledPerForward { get; init; }

    /// <summary>Most Lloyd iterations of one k-means run.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (Clusters < 2) throw new ArgumentException($"DeepEmoCluster needs at least 2 clusters (got {Clusters})");
        if (!(Weight >= 0) || !double.IsFinite(Weight)) throw new ArgumentException($"the cluster loss weight must be a non-negative number (got {Weight})");
        if (UnlabelledPerForward is < 1) throw new ArgumentException($"unlabelled utterances per forward pass must be at least 1 (got {UnlabelledPerForward})");
        if (MaxIterations < 1) throw new ArgumentException($"k-means needs at least one iteration (got {MaxIterations})");
    }
}
