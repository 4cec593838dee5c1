namespace SerKit.Pretext;

/// <summary>
/// What counts as face evidence for T2 and T3. A frame is <em>valid</em> when the tracker
/// succeeded (<c>success == 1</c>), its confidence is at least <see cref="MinConfidence"/> and
/// (for T2) all 68 landmarks are finite. A track with fewer than <see cref="MinValidShare"/> of
/// its frames valid gets no T2 or T3 label.
/// </summary>
public sealed record FaceEvidenceOptions
{
    /// <summary>Lowest tracker confidence of a valid frame; default 0.8.</summary>
    public double MinConfidence { get; init; } = 0.8;

    /// <summary>Smallest share of valid frames for a label; default 0.5.</summary>
    public double MinValidShare { get; init; } = 0.5;

    /// <summary>Regions whose landmark motion makes up T2 (averaged region by region); default all.</summary>
    public FaceRegions Regions { get; init; } = FaceRegions.All;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(MinConfidence >= 0 && MinConfidence <= 1)) throw new ArgumentException($"face: the minimum confidence must be in 0..1 (got {MinConfidence})");
        if (!(MinValidShare > 0 && MinValidShare <= 1)) throw new ArgumentException($"face: the minimum share of valid frames must be in (0, 1] (got {MinValidShare})");
        if ((Regions & FaceRegions.All) == FaceRegions.None || (Regions & ~FaceRegions.All) != 0)
            throw new ArgumentException($"T2: pick at least one of the regions brows, eyes, mouth (got {Regions})");
    }
}
