namespace SerKit.Corpus;

/// <summary>How a CREMA-D utterance gets its label (see docs/corpora.md).</summary>
public enum CremaDLabelRule
{
    /// <summary>The emotion with strictly more than half of the raters' votes; otherwise no label.</summary>
    Majority,

    /// <summary>The emotion with the most votes; a tie for the most votes gives no label.</summary>
    Plurality,

    /// <summary>
    /// The share of votes per emotion (extra fields <c>share_ANG</c> … <c>share_SAD</c>); the label
    /// is the plurality emotion, empty on ties. Only utterances without votes are unlabelled.
    /// </summary>
    Distribution,

    /// <summary>The emotion the actor was asked to show (from the file name); no votes needed.</summary>
    Intended,
}
