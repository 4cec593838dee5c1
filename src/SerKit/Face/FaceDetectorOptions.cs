namespace SerKit.Face;

/// <summary>How <see cref="FaceDetector"/> searches an image.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>Images wider than this are shrunk before the search (the cascade's cost grows with the pixel count); boxes are scaled back.</summary>
    public int MaxSearchWidth { get; init; } = 480;

    /// <summary>Scale step of the cascade's image pyramid.</summary>
    public double ScaleFactor { get; init; } = 1.1;

    /// <summary>Overlapping raw hits a face needs to be kept (OpenCV's <c>minNeighbors</c>).</summary>
    public int MinNeighbours { get; init; } = 4;

    /// <summary>Smallest face searched for, as a fraction of the image's shorter side.</summary>
    public double MinFaceFraction { get; init; } = 0.08;

    /// <summary>Level weight at which the confidence is 0.5 (see <see cref="FaceDetector"/>).</summary>
    public double HalfConfidenceWeight { get; init; } = 1.0;
}
