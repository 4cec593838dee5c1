namespace SerKit.Modeling;

/// <summary>What a head's outputs mean: class logits (softmax, cross-entropy) or continuous values (regression, e.g. emotional attributes).</summary>
public enum HeadKind
{
    /// <summary>One logit per class (the default; every head of a model written before head kinds existed).</summary>
    Classification = 0,

    /// <summary>One continuous output per name in <see cref="HeadSpec.Classes"/> (e.g. arousal, valence, dominance), standardised by <see cref="HeadSpec.TargetMean"/> and <see cref="HeadSpec.TargetStd"/>.</summary>
    Regression = 1,
}
