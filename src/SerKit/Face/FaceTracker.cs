namespace SerKit.Face;

/// <summary>
/// Follows the main speaker's face through the frames of one video: the detector runs only when
/// there is no fit to follow (first frame, fit lost) and every <see cref="FaceTrackerOptions.CheckEvery"/>
/// frames as a sanity check; in between, the box for frame t is derived from the landmarks of frame t−1.
/// <para>
/// Box from landmarks: when the detector starts a track, the tracker records where the detection box
/// lies relative to the bounding box of the 68 landmarks fitted in it (offsets and scale, in units
/// of the landmark box). Each later frame's box is the previous frame's landmark box mapped the same
/// way, so the fitter sees boxes like the detector's.
/// </para>
/// <para>
/// Fit quality decides loss. The tracker samples the gray values on a 16 × 16 grid spanning the landmark
/// box (inner 80 %) in every fitted frame; the fit of frame t is lost when the normalised cross-correlation
/// of its samples with those of frame t−1 is below <see cref="FaceTrackerOptions.MinCorrelation"/> (the points
/// no longer sit on the same face: a cut, a jump, the face gone — the landmark fitter itself always returns
/// a face-like shape), when its landmark box's centre moved more than
/// <see cref="FaceTrackerOptions.MaxJump"/> of the previous box's width, when its size changed by more
/// than <see cref="FaceTrackerOptions.MaxScaleChange"/>, when less than <see cref="FaceTrackerOptions.MinInside"/>
/// of it lies inside the image, or when a coordinate is not finite. A lost frame is detected again at once.
/// </para>
/// <para>
/// Confidence: a detected frame has the detection's confidence; a tracked frame has the confidence of the
/// detection that started (or last confirmed) the track times <c>1 − d / 2</c>, where <c>d</c> in [0, 1] is
/// the largest of the jump, the log scale change and the correlation shortfall (1 − r) relative to their loss thresholds.
/// </para>
/// Not thread-safe: one tracker per video and thread.
/// </summary>
public sealed class FaceTracker
{
    private readonly FaceDetector _detector;
    private readonly LandmarkFitter _fit;
    private readonly float[] _x = new float[FaceTrack.LandmarkCount];
    private readonly float[] _y = new float[FaceTrack.LandmarkCount];
    private bool _tracking;
    private FaceBox _previous;          // landmark box of the last good frame
    private double _dx, _dy, _sw, _sh;  // detection box relative to its landmark box
    private double _trackConfidence;
    private int _sinceDetection;
    private readonly float[] _samples = new float[GridSide * GridSide];
    private readonly float[] _previousSamples = new float[GridSide * GridSide];
    private const int GridSide = 16;

    public FaceTracker(FaceDetector detector, LandmarkFitter fit, FaceTrackerOptions? options = null)
    {
        _detector = detector;
        _fit = fit;
        Options = options ?? new FaceTrackerOptions();
    }

    public FaceTrackerOptions Options { get; }

    /// <summary>Times the detector ran (starts, restarts after loss and sanity checks).</summary>
    public int Detections { get; private set; }

    /// <summary>Times a fit was judged lost (tracking or a failed sanity check).</summary>
    public int Losses { get; private set; }

    /// <summary>The box the last successful frame was fitted in.</summary>
    public FaceBox LastBox { get; private set; }

    /// <summary>Forgets the current track (e.g. at a cut); the next frame runs the detector.</summary>
    public void Reset() => _tracking = false;

    /// <summary>
    /// Fits the face of the next frame into <paramref name="x"/>/<paramref name="y"/>; returns whether it
    /// succeeded (false: no face, the coordinates are NaN and the confidence 0).
    /// </summary>
    public bool Next(GrayImage image, Span<float> x, Span<float> y, out double confidence)
    {
        if (_tracking)
        {
            var box = FromLandmarkBox(_previous);
            _fit(image, box, _x, _y);
            var bounds = FaceBoxGeometry.Bounds(_x, _y);
            double d = Deviation(_previous, bounds, image);
            if (d <= 1)
            {
                Sample(image, bounds, _samples);
                double r = Correlation(_previousSamples, _samples);
                d = Math.Max(d, (1 - r) / (1 - Options.MinCorrelation));
            }
            if (d <= 1)
            {
                _sinceDetection++;
                if (Options.CheckEvery > 0 && _sinceDetection >= Options.CheckEvery && !Confirm(image, box))
                    return Start(image, x, y, out confidence);
                _previous = bounds;
                _samples.CopyTo(_previousSamples, 0);
                LastBox = box;
                confidence = _trackConfidence * (1 - d / 2);
                _x.CopyTo(x);
                _y.CopyTo(y);
                return true;
            }
            Losses++;
            _tracking = false;
        }
        return Start(image, x, y, out confidence);
    }

    /// <summary>Sanity check: false (and the track is dropped) when the detector sees the main face elsewhere.</summary>
    private bool Confirm(GrayImage image, FaceBox tracked)
    {
        _sinceDetection = 0;
        Detections++;
        var found = _detector.DetectMain(image);
        if (found is not { } face) return true;
        if (face.Box.Overlap(tracked) >= Options.MinCheckOverlap)
        {
            _trackConfidence = face.Confidence;
            return true;
        }
        Losses++;
        _tracking = false;
        return false;
    }

    private bool Start(GrayImage image, Span<float> x, Span<float> y, out double confidence)
    {
        Detections++;
        _sinceDetection = 0;
        var found = _detector.DetectMain(image);
        if (found is not { } face)
        {
            _tracking = false;
            x.Fill(float.NaN);
            y.Fill(float.NaN);
            confidence = 0;
            return false;
        }
        _fit(image, face.Box, _x, _y);
        var bounds = FaceBoxGeometry.Bounds(_x, _y);
        if (bounds.Width > 1 && bounds.Height > 1) Sample(image, bounds, _previousSamples);
        if (!(bounds.Width > 1 && bounds.Height > 1))
        {
            _tracking = false;
            x.Fill(float.NaN);
            y.Fill(float.NaN);
            confidence = 0;
            return false;
        }
        _dx = (face.Box.Left - bounds.Left) / bounds.Width;
        _dy = (face.Box.Top - bounds.Top) / bounds.Height;
        _sw = face.Box.Width / bounds.Width;
        _sh = face.Box.Height / bounds.Height;
        _previous = bounds;
        _tracking = true;
        _trackConfidence = face.Confidence;
        LastBox = face.Box;
        confidence = face.Confidence;
        _x.CopyTo(x);
        _y.CopyTo(y);
        return true;
    }

    private FaceBox FromLandmarkBox(FaceBox b) =>
        new((float)(b.Left + _dx * b.Width), (float)(b.Top + _dy * b.Height), (float)(_sw * b.Width), (float)(_sh * b.Height));

    /// <summary>0 for no change, 1 at a loss threshold, above 1 (or infinity) when the fit is lost.</summary>
    private double Deviation(FaceBox previous, FaceBox now, GrayImage image)
    {
        if (!(now.Width > 1 && now.Height > 1)) return double.PositiveInfinity;
        double jump = Math.Sqrt(Square(now.CentreX() - previous.CentreX()) + Square(now.CentreY() - previous.CentreY())) / previous.Width;
        double scale = Math.Abs(Math.Log(Math.Sqrt(now.Width * now.Height / (previous.Width * previous.Height))));
        float insideW = Math.Min(now.Left + now.Width, image.Width - 1) - Math.Max(now.Left, 0);
        float insideH = Math.Min(now.Top + now.Height, image.Height - 1) - Math.Max(now.Top, 0);
        double inside = insideW <= 0 || insideH <= 0 ? 0 : insideW * insideH / (now.Width * now.Height);
        if (inside < Options.MinInside) return double.PositiveInfinity;
        return Math.Max(jump / Options.MaxJump, scale / Math.Log(Options.MaxScaleChange));
    }

    private static double Square(double v) => v * v;

    /// <summary>Gray values on a <see cref="GridSide"/>² grid over the inner 80 % of <paramref name="box"/> (nearest pixel, clamped to the image).</summary>
    private static void Sample(GrayImage image, FaceBox box, float[] samples)
    {
        for (int i = 0; i < GridSide; i++)
        {
            int row = Math.Clamp((int)MathF.Round(box.Top + box.Height * (0.1f + 0.8f * i / (GridSide - 1))), 0, image.Height - 1);
            for (int j = 0; j < GridSide; j++)
            {
                int col = Math.Clamp((int)MathF.Round(box.Left + box.Width * (0.1f + 0.8f * j / (GridSide - 1))), 0, image.Width - 1);
                samples[i * GridSide + j] = image.Pixels[row * image.Stride + col];
            }
        }
    }

    /// <summary>Normalised cross-correlation of two sample sets; 0 when either is flat.</summary>
    private static double Correlation(float[] a, float[] b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length;
        mb /= b.Length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa < 1e-6 || bb < 1e-6 ? 0 : ab / Math.Sqrt(aa * bb);
    }
}
