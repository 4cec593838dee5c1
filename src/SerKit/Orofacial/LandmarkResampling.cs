using SerKit.Face;
using SerKit.Pretext;

namespace SerKit.Orofacial;

/// <summary>
/// Resamples a face track (video rate) to the feature frame rate. Each valid face frame (<see cref="FaceFrame.HasValidLandmarks"/>
/// with <see cref="OrofacialDataOptions.MinConfidence"/>) is T2-normalised (<see cref="FacialActivation.Normalise"/>). Feature
/// frame t lies at time t·hop (the centre of its analysis window; the face track's <c>timestamp</c> uses the same origin, the
/// first audio sample). Its landmarks are interpolated linearly between the last valid face frame at or before that time
/// and the first one at or after it, when the two are at most <see cref="OrofacialDataOptions.MaxGapFrames"/> nominal frame
/// intervals apart. Before the first or after the last face frame the nearest valid frame is held for up to half an
/// interval. Every other feature frame is invalid (masked in training and evaluation).
/// </summary>
public static class LandmarkResampling
{
    /// <summary>
    /// The trajectory of <paramref name="track"/> at <paramref name="frames"/> feature frames spaced <paramref name="hopSeconds"/> apart.
    /// Throws <see cref="FaceTrackException"/> when the track has no landmark columns.
    /// </summary>
    public static LandmarkTrajectory Resample(FaceTrack track, int frames, double hopSeconds, OrofacialDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        if (!(hopSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(hopSeconds), "the hop must be positive");
        track.Require(new FaceRequirements { Landmarks = true });
        var rows = PrimaryFace.Frames(track, options.MinConfidence).OrderBy(f => f.Timestamp).ToArray();
        const int W = LandmarkTrajectory.Width, N = FaceTrack.LandmarkCount;
        int n = rows.Length;
        var times = new double[n];
        var valid = new bool[n];
        var shapes = new double[n][];
        var x = new double[N];
        var y = new double[N];
        for (int i = 0; i < n; i++)
        {
            times[i] = rows[i].Timestamp;
            if (!double.IsFinite(times[i])) throw new FaceTrackException(track.Path, $"frame {rows[i].Frame}: timestamp is not a number");
            if (!rows[i].HasValidLandmarks(options.MinConfidence) || !FacialActivation.Normalise(rows[i], x, y)) continue;
            valid[i] = true;
            if (options.RemoveRoll) RemoveRoll(x, y);
            var s = new double[W];
            x.CopyTo(s, 0);
            y.CopyTo(s, N);
            shapes[i] = s;
        }
        double interval = NominalInterval(times);
        double maxGap = options.MaxGapFrames * interval + 1e-9;

        // Previous / next valid row of every row (-1 when none).
        var prev = new int[n];
        var next = new int[n];
        for (int i = 0, last = -1; i < n; i++) prev[i] = last = valid[i] ? i : last;
        for (int i = n - 1, last = -1; i >= 0; i--) next[i] = last = valid[i] ? i : last;

        var points = new float[frames * W];
        var ok = new bool[frames];
        int k = -1; // last row with time <= t
        for (int t = 0; t < frames; t++)
        {
            double time = t * hopSeconds;
            while (k + 1 < n && times[k + 1] <= time + 1e-9) k++;
            int a = k >= 0 ? prev[k] : -1;
            int b = k + 1 < n ? next[k + 1] : -1;
            if (k >= 0 && valid[k] && Math.Abs(times[k] - time) <= 1e-9) { a = k; b = k; }
            var row = points.AsSpan(t * W, W);
            if (a >= 0 && b >= 0)
            {
                double gap = times[b] - times[a];
                if (gap > maxGap) continue;
                double w = gap > 0 ? (time - times[a]) / gap : 0;
                for (int j = 0; j < W; j++) row[j] = (float)(shapes[a][j] + w * (shapes[b][j] - shapes[a][j]));
                ok[t] = true;
            }
            else if (a >= 0 && b < 0 && k == n - 1 && time - times[a] <= 0.5 * interval + 1e-9 && a == n - 1)
            {
                for (int j = 0; j < W; j++) row[j] = (float)shapes[a][j];
                ok[t] = true;
            }
            else if (a < 0 && b == 0 && times[0] - time <= 0.5 * interval + 1e-9)
            {
                for (int j = 0; j < W; j++) row[j] = (float)shapes[0][j];
                ok[t] = true;
            }
        }
        return new LandmarkTrajectory(frames, points, ok);
    }

    /// <summary>Rotates normalised landmarks about the origin so that the outer eye corners 36 → 45 lie on a horizontal line.</summary>
    public static void RemoveRoll(Span<double> x, Span<double> y)
    {
        double angle = Math.Atan2(y[FacialActivation.RightOuterEyeCorner] - y[FacialActivation.LeftOuterEyeCorner],
            x[FacialActivation.RightOuterEyeCorner] - x[FacialActivation.LeftOuterEyeCorner]);
        double c = Math.Cos(-angle), s = Math.Sin(-angle);
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    /// <summary>The median interval between consecutive timestamps (1/30 s when the track has fewer than two distinct times).</summary>
    public static double NominalInterval(IReadOnlyList<double> times)
    {
        var d = new List<double>();
        for (int i = 1; i < times.Count; i++) if (times[i] > times[i - 1]) d.Add(times[i] - times[i - 1]);
        if (d.Count == 0) return 1.0 / 30;
        d.Sort();
        return d.Count % 2 == 1 ? d[d.Count / 2] : 0.5 * (d[d.Count / 2 - 1] + d[d.Count / 2]);
    }
}
