namespace SerKit.Face;

/// <summary>
/// One face found by <see cref="FaceDetector"/>: its box (pixels of the full image) and a confidence
/// in [0, 1] from the cascade's level weight (see <see cref="FaceDetector"/>).
/// </summary>
public readonly record struct FaceDetection(FaceBox Box, double Confidence, double LevelWeight);
