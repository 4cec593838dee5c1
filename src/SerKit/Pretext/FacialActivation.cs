using SerKit.Face;

namespace SerKit.Pretext;

/// <summary>
/// T2's per-utterance measurement: landmark motion of the face.
/// <list type="number">
/// <item>Each valid frame's 68 landmarks are normalised: the origin is moved to the mean of
/// the eye corners and the nose tip (points 36, 39, 42, 45 and 30, 0-based iBUG-68), and
/// coordinates are divided by the inter-ocular distance, the distance between the outer eye
/// corners 36 and 45. A frame whose inter-ocular distance is below 1e-6 of the image units is not valid.</item>
/// <item>The motion of a valid frame is measured against the previous valid frame (invalid
/// frames in between are skipped, not interpolated): per region (brows 17–26, eyes 36–47,
/// mouth 48–67) the mean Euclidean displacement of its normalised landmarks, then the mean
/// over the selected regions (each region weighs the same).</item>
/// <item>The activation is the mean motion over the valid frames that have a previous valid
/// frame. The first valid frame has no motion.</item>
/// </list>
/// No activation (masked) when fewer than <see cref="FaceEvidenceOptions.MinValidShare"/> of
/// the rows are valid or fewer than two are.
/// </summary>
public static class FacialActivation
{
    /// <summary>Landmarks averaged for the origin: eye corners 36, 39, 42, 45 and nose tip 30.</summary>
    public static readonly IReadOnlyList<int> OriginPoints = [36, 39, 42, 45, 30];

    /// <summary>The outer eye corners whose distance is the unit of length.</summary>
    public const int LeftOuterEyeCorner = 36, RightOuterEyeCorner = 45;

    /// <summary>Landmarks of a region (0-based iBUG-68 indices).</summary>
    public static IReadOnlyList<int> Points(FaceRegions region) => region switch
    {
        FaceRegions.Brows => Enumerable.Range(17, 10).ToArray(),
        FaceRegions.Eyes => Enumerable.Range(36, 12).ToArray(),
        FaceRegions.Mouth => Enumerable.Range(48, 20).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "one region: brows, eyes or mouth"),
    };

    /// <summary>
    /// Measures a track. Throws <see cref="FaceTrackException"/> naming the file when it has no
    /// landmark columns.
    /// </summary>
    public static ActivationMeasurement Measure(FaceTrack track, FaceEvidenceOptions options)
    {
        track.Require(new FaceRequirements { Landmarks = true });
        var regions = new[] { FaceRegions.Brows, FaceRegions.Eyes, FaceRegions.Mouth }
            .Where(r => options.Regions.HasFlag(r)).Select(r => Points(r).ToArray()).ToArray();
        if (regions.Length == 0) throw new ArgumentException("T2: no landmark region selected");
        var frames = PrimaryFace.Frames(track, options.MinConfidence);

        var previousX = new double[FaceTrack.LandmarkCount];
        var previousY = new double[FaceTrack.LandmarkCount];
        var x = new double[FaceTrack.LandmarkCount];
        var y = new double[FaceTrack.LandmarkCount];
        bool havePrevious = false;
        int valid = 0, moves = 0;
        double motionSum = 0;
        foreach (var frame in frames)
        {
            if (!frame.HasValidLandmarks(options.MinConfidence) || !Normalise(frame, x, y)) continue;
            valid++;
            if (havePrevious)
            {
                motionSum += Motion(previousX, previousY, x, y, regions);
                moves++;
            }
            (previousX, x) = (x, previousX);
            (previousY, y) = (y, previousY);
            havePrevious = true;
        }
        var measurement = new ActivationMeasurement(frames.Count, valid, null);
        if (moves == 0 || measurement.ValidShare < options.MinValidShare) return measurement;
        return measurement with { Activation = motionSum / moves };
    }

    /// <summary>
    /// Writes the normalised landmarks of <paramref name="frame"/> (translation by the mean of
    /// <see cref="OriginPoints"/>, scale by the outer-eye-corner distance) into
    /// <paramref name="x"/> and <paramref name="y"/>; false when a landmark is not finite or the
    /// eye distance is degenerate.
    /// </summary>
    public static bool Normalise(FaceFrame frame, Span<double> x, Span<double> y)
    {
        double ox = 0, oy = 0;
        foreach (var p in OriginPoints)
        {
            ox += frame.X[p];
            oy += frame.Y[p];
        }
        ox /= OriginPoints.Count;
        oy /= OriginPoints.Count;
        double dx = frame.X[RightOuterEyeCorner] - frame.X[LeftOuterEyeCorner];
        double dy = frame.Y[RightOuterEyeCorner] - frame.Y[LeftOuterEyeCorner];
        double scale = Math.Sqrt(dx * dx + dy * dy);
        if (!double.IsFinite(scale) || scale < 1e-6 || !double.IsFinite(ox) || !double.IsFinite(oy)) return false;
        for (int i = 0; i < FaceTrack.LandmarkCount; i++)
        {
            x[i] = (frame.X[i] - ox) / scale;
            y[i] = (frame.Y[i] - oy) / scale;
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) return false;
        }
        return true;
    }

    private static double Motion(double[] px, double[] py, double[] x, double[] y, int[][] regions)
    {
        double total = 0;
        foreach (var points in regions)
        {
            double sum = 0;
            foreach (var i in points)
            {
                double dx = x[i] - px[i], dy = y[i] - py[i];
                sum += Math.Sqrt(dx * dx + dy * dy);
            }
            total += sum / points.Length;
        }
        return total / regions.Length;
    }
}
