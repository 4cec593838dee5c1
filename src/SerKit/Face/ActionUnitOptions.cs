namespace SerKit.Face;

/// <summary>Settings of <see cref="ActionUnitEstimator"/>.</summary>
public sealed record ActionUnitOptions
{
    /// <summary>
    /// Length in frames of the window over which the person's neutral (the median of each cue over
    /// valid frames) is taken; 0 (the default) uses the whole track. <see cref="ActionUnitEstimator.Apply(FaceTrack)"/>
    /// uses the valid frames among the <c>NeutralWindow</c> frames centred on each frame;
    /// <see cref="ActionUnitEstimator.Estimate"/> can only look back: the last <c>NeutralWindow</c>
    /// valid frames, or every valid frame so far when 0.
    /// </summary>
    public int NeutralWindow { get; init; }

    /// <summary>
    /// Frames over which each cue is averaged before scoring (1 = none). <see cref="ActionUnitEstimator.Apply(FaceTrack)"/>
    /// averages over the valid frames of a centred window; <see cref="ActionUnitEstimator.Estimate"/>
    /// over the last <c>Smoothing</c> valid frames, which delays its output by (<c>Smoothing</c> − 1) / 2 frames.
    /// Landmark trackers jitter by a fraction of a pixel per frame, comparable to the eye-region cues of
    /// one intensity unit; 3 (the default) averages that down and keeps a 30 fps video's blinks and syllables.
    /// </summary>
    public int Smoothing { get; init; } = 3;

    /// <summary>Intensity (0–5) at or above which an AU counts as present; 1 by default.</summary>
    public double PresenceThreshold { get; init; } = 1.0;

    /// <summary>
    /// Lowest tracker confidence of a frame <see cref="ActionUnitEstimator.Apply(FaceTrack)"/> treats as valid
    /// (besides <c>success</c> and 68 finite landmarks); 0 by default, as OpenFace scores every tracked frame.
    /// </summary>
    public double MinConfidence { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (NeutralWindow < 0) throw new ArgumentOutOfRangeException(nameof(NeutralWindow), NeutralWindow, "neutral window must be 0 (whole track) or a positive number of frames");
        if (Smoothing < 1) throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "smoothing must be at least 1 frame (1 = none)");
        if (!(PresenceThreshold > 0 && PresenceThreshold <= 5)) throw new ArgumentOutOfRangeException(nameof(PresenceThreshold), PresenceThreshold, "presence threshold must be in (0, 5]");
        if (!(MinConfidence >= 0 && MinConfidence <= 1)) throw new ArgumentOutOfRangeException(nameof(MinConfidence), MinConfidence, "minimum confidence must be in [0, 1]");
    }
}
