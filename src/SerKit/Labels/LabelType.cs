namespace SerKit.Labels;

/// <summary>What an utterance's SER target is made of (see docs/cooccurrence.md).</summary>
public enum LabelType
{
    /// <summary>The consensus class (the manifest's <c>label</c>): a one-hot target.</summary>
    Hard,

    /// <summary>Every class at least one rater chose, each with the same weight: target = uniform distribution over that set.</summary>
    MultiLabel,

    /// <summary>The raters' vote shares: target = votes per class / all votes.</summary>
    Distribution,
}
