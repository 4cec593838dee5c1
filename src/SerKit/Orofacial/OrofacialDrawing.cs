using OpenCvSharp;

namespace SerKit.Orofacial;

/// <summary>
/// Draws a 68-point face for watching an animation: brows, eyes and nose as thin grey lines and dots (the points the model does not
/// predict), the jaw line in orange and the outer and inner lips in red (the predicted points, drawn larger), and the time in the corner.
/// </summary>
public static class OrofacialDrawing
{
    private static readonly Scalar Background = new(32, 32, 32), Grey = new(170, 170, 170), Jaw = new(0, 165, 255), Lips = new(70, 70, 235), Text = new(220, 220, 220);

    /// <summary>Clears <paramref name="bgr"/> (8-bit, 3 channels) and draws the face of <paramref name="x"/>, <paramref name="y"/> (68 points, pixels) at <paramref name="seconds"/>.</summary>
    public static void Draw(Mat bgr, ReadOnlySpan<float> x, ReadOnlySpan<float> y, double seconds)
    {
        if (x.Length != Face.FaceTrack.LandmarkCount || y.Length != Face.FaceTrack.LandmarkCount) throw new ArgumentException("a face has 68 points");
        bgr.SetTo(Background);
        var p = new Point[x.Length];
        for (int i = 0; i < p.Length; i++) p[i] = new Point((int)Math.Round(x[i]), (int)Math.Round(y[i]));
        int thin = Math.Max(1, bgr.Rows / 320), thick = Math.Max(2, bgr.Rows / 160);
        void Line(int from, int to, bool closed, Scalar colour, int width) =>
            Cv2.Polylines(bgr, [p[from..(to + 1)]], closed, colour, width, LineTypes.AntiAlias);
        Line(17, 21, false, Grey, thin);
        Line(22, 26, false, Grey, thin);
        Line(27, 30, false, Grey, thin);
        Line(31, 35, false, Grey, thin);
        Line(36, 41, true, Grey, thin);
        Line(42, 47, true, Grey, thin);
        Line(0, 16, false, Jaw, thick);
        Line(48, 59, true, Lips, thick);
        Line(60, 67, true, Lips, thin);
        for (int i = 0; i < p.Length; i++)
        {
            bool predicted = i <= 16 || i >= 48;
            Cv2.Circle(bgr, p[i], i <= 16 ? thick + 1 : thin + 1, predicted ? (i <= 16 ? Jaw : Lips) : Grey, -1, LineTypes.AntiAlias);
        }
        Cv2.PutText(bgr, $"{seconds:0.00} s", new Point(10, bgr.Rows - 12), HersheyFonts.HersheySimplex, 0.5, Text, 1, LineTypes.AntiAlias);
    }
}
