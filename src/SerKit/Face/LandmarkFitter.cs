namespace SerKit.Face;

/// <summary>
/// Fits the 68 landmarks of the face in <paramref name="box"/> of <paramref name="image"/> into
/// <paramref name="x"/> and <paramref name="y"/> (pixels); <c>ShapePredictor.Fit</c> has this shape.
/// </summary>
public delegate void LandmarkFitter(GrayImage image, FaceBox box, Span<float> x, Span<float> y);
