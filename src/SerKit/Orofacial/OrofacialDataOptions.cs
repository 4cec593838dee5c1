namespace SerKit.Orofacial;

/// <summary>How face tracks become frame-level orofacial targets (see <see cref="LandmarkResampling"/>).</summary>
public sealed record OrofacialDataOptions
{
    /// <summary>A face frame is valid when <c>success == 1</c>, its confidence is at least this, and all 68 landmarks are finite (as T2).</summary>
    public double MinConfidence { get; init; } = 0.8;

    /// <summary>
    /// Largest time between two valid face frames that is bridged by interpolation, in nominal video frame intervals
    /// (the median interval of the track). 1.5 interpolates between consecutive frames only: a feature frame next to a
    /// failed face frame gets no target.
    /// </summary>
    public double MaxGapFrames { get; init; } = 1.5;

    /// <summary>
    /// Also remove in-plane head rotation (roll): after the T2 normalisation, rotate every frame about the origin so that the line
    /// from the outer eye corner 36 to 45 is horizontal. Off by default (targets normalised exactly as for T2); head roll then stays in
    /// the targets, although speech cannot predict it.
    /// </summary>
    public bool RemoveRoll { get; init; }

    /// <summary>What the targets are measured from.</summary>
    public TargetReference Reference { get; init; } = TargetReference.Speaker;

    /// <summary>The manifest column that may hold an utterance's face-track path (relative to the manifest root), as <c>serkit pretext</c>.</summary>
    public string FaceColumn { get; init; } = "face";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(MinConfidence is >= 0 and <= 1)) throw new ArgumentException($"minimum confidence must lie in [0, 1] (got {MinConfidence})");
        if (!(MaxGapFrames >= 1)) throw new ArgumentException($"the largest bridged gap must be at least 1 frame interval (got {MaxGapFrames})");
        if (string.IsNullOrWhiteSpace(FaceColumn)) throw new ArgumentException("the face column name is empty");
    }
}
