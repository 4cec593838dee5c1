namespace SerKit.Face;

/// <summary>When <see cref="FaceTracker"/> decides the fit is lost and runs the detector again.</summary>
public sealed record FaceTrackerOptions
{
    /// <summary>Largest move of the landmarks' centre between two frames, as a fraction of the previous landmark box's width.</summary>
    public double MaxJump { get; init; } = 0.25;

    /// <summary>Smallest correlation of the face's gray values (a grid over the landmark box) with the previous frame's.</summary>
    public double MinCorrelation { get; init; } = 0.6;

    /// <summary>Largest growth or shrink factor of the landmark box between two frames.</summary>
    public double MaxScaleChange { get; init; } = 1.25;

    /// <summary>Smallest fraction of the landmark box that must lie inside the image.</summary>
    public double MinInside { get; init; } = 0.6;

    /// <summary>
    /// Frames between sanity detections while tracking (0 = never): the detector runs and, when its main
    /// face does not overlap the tracked box (intersection over union below <see cref="MinCheckOverlap"/>),
    /// the track restarts from the detection. When the detector finds nothing the track is kept.
    /// </summary>
    public int CheckEvery { get; init; } = 50;

    /// <summary>Overlap a sanity detection needs with the tracked box to confirm it.</summary>
    public double MinCheckOverlap { get; init; } = 0.3;
}
