using System.Globalization;

namespace SerKit.Tests.Face;

/// <summary>
/// Distances (pixels) between SerKit's points and dlib's whole-pixel points: SerKit's sub-pixel
/// points as they are, and rounded as dlib rounds (<c>floor(v + 0.5)</c>).
/// </summary>
internal sealed record ParityStats(int Faces, double MeanSubPixel, double MaxSubPixel, double MeanRounded, double MaxRounded, double ExactShare)
{
    public static ParityStats Compare(IReadOnlyList<(float[] X, float[] Y)> serkit, IReadOnlyList<int[]> dlib)
    {
        double sum = 0, max = 0, sumR = 0, maxR = 0;
        int exact = 0, points = 0;
        for (int f = 0; f < serkit.Count; f++)
        {
            for (int k = 0; k < 68; k++)
            {
                double dx = serkit[f].X[k] - dlib[f][2 * k], dy = serkit[f].Y[k] - dlib[f][2 * k + 1];
                double d = Math.Sqrt(dx * dx + dy * dy);
                double rx = Math.Floor(serkit[f].X[k] + 0.5) - dlib[f][2 * k], ry = Math.Floor(serkit[f].Y[k] + 0.5) - dlib[f][2 * k + 1];
                double dr = Math.Sqrt(rx * rx + ry * ry);
                sum += d; max = Math.Max(max, d);
                sumR += dr; maxR = Math.Max(maxR, dr);
                if (dr == 0) exact++;
                points++;
            }
        }
        return new ParityStats(serkit.Count, sum / points, max, sumR / points, maxR, (double)exact / points);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sub-pixel mean {MeanSubPixel:F3} px max {MaxSubPixel:F3} px; rounded mean {MeanRounded:F4} px max {MaxRounded:F3} px; identical points {ExactShare:P2}");
}
