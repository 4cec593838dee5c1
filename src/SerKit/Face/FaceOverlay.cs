using OpenCvSharp;

namespace SerKit.Face;

/// <summary>
/// Draws a fit on a colour frame so a person can check it: the 68 landmarks as green dots and the box the
/// fitter was given as a blue rectangle (a red cross in the corner when the frame has no face).
/// </summary>
public static class FaceOverlay
{
    /// <summary>Draws on <paramref name="bgr"/> (an 8-bit 3-channel image) in place.</summary>
    public static void Draw(Mat bgr, FaceBox? box, ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool success)
    {
        int radius = Math.Max(1, Math.Min(bgr.Cols, bgr.Rows) / 200);
        if (!success)
        {
            Cv2.Line(bgr, new Point(4, 4), new Point(20, 20), Scalar.Red, 2);
            Cv2.Line(bgr, new Point(20, 4), new Point(4, 20), Scalar.Red, 2);
            return;
        }
        if (box is { } b)
            Cv2.Rectangle(bgr, new Rect((int)Math.Round(b.Left), (int)Math.Round(b.Top), (int)Math.Round(b.Width), (int)Math.Round(b.Height)), new Scalar(255, 128, 0), 1);
        for (int i = 0; i < x.Length; i++)
            if (float.IsFinite(x[i]) && float.IsFinite(y[i]))
                Cv2.Circle(bgr, new Point((int)Math.Round(x[i]), (int)Math.Round(y[i])), radius, new Scalar(0, 255, 0), -1, LineTypes.AntiAlias);
    }
}
