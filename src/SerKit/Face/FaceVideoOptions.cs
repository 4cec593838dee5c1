namespace SerKit.Face;

/// <summary>How <see cref="FaceVideoPipeline"/> turns a video (or an image) into a face track.</summary>
public sealed record FaceVideoOptions
{
    /// <summary>Fit every N-th frame only (1 = all); the rows keep the video's frame numbers and timestamps.</summary>
    public int Every { get; init; } = 1;

    /// <summary>
    /// Fit the landmarks in this box in every frame instead of detecting and tracking (to compare with other
    /// tools on the same boxes). Such frames have confidence 1 and success 1.
    /// </summary>
    public FaceBox? FixedBox { get; init; }

    public FaceTrackerOptions Tracker { get; init; } = new();

    /// <summary>
    /// Adds the AU columns to the landmark track. Default: <see cref="ActionUnitEstimator.Apply(FaceTrack)"/>
    /// with its default options (the neutral is the median over this video's valid frames); null writes
    /// landmarks only.
    /// </summary>
    public Func<FaceTrack, FaceTrack>? ActionUnits { get; init; } = track => new ActionUnitEstimator().Apply(track);
}
