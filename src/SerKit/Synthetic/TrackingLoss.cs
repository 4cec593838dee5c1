namespace SerKit.Synthetic;

/// <summary>How often the synthetic face tracker loses the face in an utterance.</summary>
public enum TrackingLoss
{
    /// <summary>Every frame tracked.</summary>
    None,
    /// <summary>One short run of failed frames (<c>success</c> 0) with low-confidence frames around it.</summary>
    Brief,
    /// <summary>Most frames failed: fewer than half are valid, so face-based pretext tasks must mask the utterance.</summary>
    Severe,
}
