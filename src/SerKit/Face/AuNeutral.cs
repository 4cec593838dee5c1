namespace SerKit.Face;

/// <summary>Over which frames an AU neutral (the person's resting face) is estimated.</summary>
public enum AuNeutral
{
    /// <summary>Each video's own valid frames (long recordings of one person).</summary>
    Video,

    /// <summary>All valid frames of all videos of the same speaker (corpora of short clips, e.g. CREMA-D).</summary>
    Speaker,
}
