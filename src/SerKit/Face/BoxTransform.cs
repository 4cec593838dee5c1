namespace SerKit.Face;

/// <summary>
/// The map from the unit square of a shape model to image pixels for one face box (dlib's
/// <c>unnormalizing_tform</c>): (0, 0) → top-left pixel, (1, 1) → bottom-right pixel, in double.
/// </summary>
internal readonly struct BoxTransform
{
    public BoxTransform(FaceBox box)
    {
        Left = box.Left;
        Top = box.Top;
        ScaleX = (double)box.Width - 1;
        ScaleY = (double)box.Height - 1;
    }

    public double Left { get; }

    public double Top { get; }

    public double ScaleX { get; }

    public double ScaleY { get; }
}
