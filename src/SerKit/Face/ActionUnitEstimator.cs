namespace SerKit.Face;

/// <summary>
/// Action-unit intensity (0–5) and presence from 68-point landmark geometry (iBUG-68 layout),
/// relative to the person's own neutral face, in the manner of OpenFace's dynamic
/// person-specific normalisation.
/// <para>
/// Each frame is normalised for head translation, scale and in-plane rotation: the origin is
/// the midpoint of the two eye centres (each the midpoint of its corners 36/39 and 42/45), the
/// x axis runs from the left to the right eye centre, the unit is their distance (the
/// inter-ocular distance) and heights are measured upward. From the normalised points one
/// geometric cue per AU is computed (docs/face.md, "Action units", lists them) and averaged over
/// <see cref="ActionUnitOptions.Smoothing"/> frames. The person's neutral is the median of each
/// cue over valid frames; the raw intensity is <c>(cue − neutral) / unit</c>, and the intensities
/// solve <c>I = clamp(raw − K · I, 0, 5)</c>, where the sparse cross-talk table K removes the part
/// of a cue another AU's movement explains (a smile's AU12 lifts the lower lids a little, which
/// AU06 must not take for a cheek raise) or masks (AU04 pulls the outer brows down against AU02).
/// Presence is intensity ≥ <see cref="ActionUnitOptions.PresenceThreshold"/>. Invalid frames give NaN.
/// </para>
/// <para>
/// <see cref="Estimate"/> streams: its neutral can only use the frames already seen (the first
/// frames of a stream are compared with a neutral built from few frames, and the very first valid
/// frame is its own neutral). <see cref="Apply(FaceTrack)"/> makes two passes: the medians over the
/// whole track (or a centred window), then the AUs; <see cref="Apply(IReadOnlyList{FaceTrack})"/>
/// pools the neutral over several tracks of one person, which short, expressive clips need (the
/// median of a clip that smiles throughout is the smile). Not thread-safe (it keeps the streaming state).
/// </para>
/// </summary>
public sealed class ActionUnitEstimator
{
    private static readonly int[] Aus = { 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45 };

    /// <summary>
    /// Cue change per unit of AU intensity (inter-ocular units), aligned with <see cref="IntensityAus"/>:
    /// intensity = (cue − neutral) / Unit, i.e. the scale is 1 / Unit. One intensity unit is the
    /// movement the FACS appearance model of <c>SerKit.Synthetic</c> assigns to it.
    /// </summary>
    internal static readonly double[] Unit =
    {
        0.0218, // AU01
        0.0179, // AU02
        0.0183, // AU04
        0.0093, // AU05
        0.0057, // AU06
        0.0123, // AU07
        0.0091, // AU09
        0.0126, // AU10
        0.0162, // AU12
        0.0086, // AU14
        0.0171, // AU15
        0.0110, // AU17
        0.0286, // AU20
        0.0086, // AU23
        0.0190, // AU25
        0.0314, // AU26
        0.0243, // AU45
    };

    /// <summary>
    /// Cross-talk between AUs: the movement of <c>Other</c> at one unit of intensity shifts the
    /// cue of <c>Au</c> by <c>PerUnit</c> of <c>Au</c>'s units (positive: mimics <c>Au</c>; negative:
    /// masks it). The intensities solve <c>I[Au] = clamp(raw[Au] − Σ PerUnit · I[Other], 0, 5)</c>
    /// by <see cref="Sweeps"/> Gauss–Seidel sweeps. Only shifts of at least a tenth of a unit are
    /// listed, and none between AUs that move the same points in opposite directions (AU12/AU15,
    /// AU20/AU23, AU26/AU17, AU05/AU45), which would double-count.
    /// </summary>
    internal static readonly (int Au, int Other, double PerUnit)[] CrossTalk =
    {
        (2, 4, -0.44),  // the brow lowerer pulls the outer brows down too
        (4, 1, -0.30),  // inner brow raise and the brow lowerer move the inner brows in opposite directions
        (4, 2, -0.17),
        (4, 5, 0.12),   // raised upper lids lift the eye corners the brows are measured from
        (5, 4, -0.31),  // the brow lowerer presses the upper lids down
        (5, 6, -0.15),
        (5, 7, -0.60),  // the lid tightener lowers the upper lids
        (6, 5, -0.38),
        (6, 12, 0.50),  // a smile pushes the lower lids up a little
        (6, 45, 0.25),  // a closing eye's lower lid rises slightly
        (7, 5, -0.17),
        (7, 6, 0.47),   // the cheek raise lifts the lower lids, the lid tightener's other half
        (7, 12, 0.23),
        (7, 45, 0.12),
        (9, 5, -0.19),
        (12, 7, -0.42), // the lid tightener raises the lower lids the smile cue discounts
        (14, 6, 0.33),  // the cheek raise draws the lip corners out a little
        (15, 5, 0.12),  // raised upper lids lift the eye line the corners are measured from
        (15, 6, -0.17),
        (15, 20, 0.25), // the lip stretcher pulls the corners slightly down
        (17, 23, 0.20), // the lip tightener pushes the lower lip up
        (20, 6, 0.10),
        (20, 12, 0.93), // the smile also widens the mouth, and the dimpler draws the corners out
        (20, 14, 0.30),
        (25, 10, 0.60), // the upper lip raiser opens the lips from above
        (25, 15, 0.15),
        (25, 23, -0.30), // the lip tightener presses the lips together
        (45, 4, 0.12),  // the brow lowerer presses the upper lids down
    };

    /// <summary>Gauss–Seidel sweeps over <see cref="CrossTalk"/>.</summary>
    internal const int Sweeps = 6;

    private readonly ActionUnitOptions _options;
    private readonly RunningMedian[] _medians;
    private readonly double[] _cues = new double[Aus.Length];
    private readonly double[] _neutral = new double[Aus.Length];
    private readonly Queue<double[]> _recent = new();
    private readonly double[] _smoothed = new double[Aus.Length];

    /// <summary>An estimator with <paramref name="options"/> (defaults when null).</summary>
    public ActionUnitEstimator(ActionUnitOptions? options = null)
    {
        _options = options ?? new ActionUnitOptions();
        _options.Validate();
        _medians = Aus.Select(_ => new RunningMedian(_options.NeutralWindow)).ToArray();
    }

    /// <summary>
    /// The AUs estimated, in OpenFace 2.x column order (all of <see cref="FaceTrack.OpenFaceIntensityAus"/>):
    /// 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45. The spans of <see cref="Estimate"/>
    /// and the AU columns of <see cref="Apply(FaceTrack)"/>'s result (intensity and presence) follow this order.
    /// </summary>
    public static IReadOnlyList<int> IntensityAus { get; } = Array.AsReadOnly(Aus);

    /// <summary>The settings in use.</summary>
    public ActionUnitOptions Options => _options;

    /// <summary>
    /// Estimates one frame of a stream; call once per frame in order, passing invalid frames too
    /// (<paramref name="valid"/> false, e.g. <c>success</c> 0): they yield NaN and leave the neutral
    /// unchanged, as do frames with a non-finite landmark. Each cue is averaged over the last
    /// <see cref="ActionUnitOptions.Smoothing"/> valid frames, and the neutral is the median of the
    /// averaged cue over the valid frames seen so far (the last <see cref="ActionUnitOptions.NeutralWindow"/>
    /// of them when set), this frame included. <paramref name="intensity"/> and <paramref name="presence"/>
    /// receive one value per AU of <see cref="IntensityAus"/>.
    /// </summary>
    public void Estimate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool valid, Span<float> intensity, Span<float> presence)
    {
        CheckSpans(x, y, intensity, presence);
        if (!valid || !Cues(x, y, _cues))
        {
            intensity[..Aus.Length].Fill(float.NaN);
            presence[..Aus.Length].Fill(float.NaN);
            return;
        }
        _recent.Enqueue(_cues.ToArray());
        if (_recent.Count > _options.Smoothing) _recent.Dequeue();
        Array.Clear(_smoothed);
        foreach (var c in _recent)
            for (int a = 0; a < Aus.Length; a++) _smoothed[a] += c[a] / _recent.Count;
        for (int a = 0; a < Aus.Length; a++)
        {
            _medians[a].Add(_smoothed[a]);
            _neutral[a] = _medians[a].Median;
        }
        Score(_smoothed, _neutral, _options.PresenceThreshold, intensity, presence);
    }

    /// <summary>Forgets the streaming state (the neutral), e.g. before a new person's video.</summary>
    public void Reset()
    {
        foreach (var m in _medians) m.Clear();
        _recent.Clear();
    }

    /// <summary>
    /// Estimates the AUs of a whole track in two passes: the neutral (median of each cue over the
    /// valid frames of the whole track, or of a window of <see cref="ActionUnitOptions.NeutralWindow"/>
    /// frames centred on each frame), then every frame's AUs. Returns a new track with the same
    /// frames and landmarks whose AU columns are <see cref="IntensityAus"/> (<c>AUxx_r</c> and
    /// <c>AUxx_c</c>), replacing any the input had; invalid frames get NaN. A frame is valid when
    /// <c>success</c> is 1, its confidence is at least <see cref="ActionUnitOptions.MinConfidence"/>
    /// and its 68 landmarks are finite. Does not touch the streaming state.
    /// </summary>
    public FaceTrack Apply(FaceTrack landmarksOnly)
    {
        ArgumentNullException.ThrowIfNull(landmarksOnly);
        return Apply(new[] { landmarksOnly })[0];
    }

    /// <summary>
    /// Like <see cref="Apply(FaceTrack)"/> for several tracks of the same person (e.g. all their
    /// utterances): with the whole-track setting (<see cref="ActionUnitOptions.NeutralWindow"/> 0)
    /// the neutral is the median over the valid frames of all of them, which is closer to the
    /// person's rest face than one short expressive utterance's median. With a window, each track
    /// is treated on its own.
    /// </summary>
    public IReadOnlyList<FaceTrack> Apply(IReadOnlyList<FaceTrack> samePerson)
    {
        ArgumentNullException.ThrowIfNull(samePerson);
        foreach (var t in samePerson)
            if (!t.HasLandmarks)
                throw new FaceTrackException(t.Path, "no landmark columns (x_0..x_67, y_0..y_67): action units are estimated from the landmarks");
        var cues = samePerson.Select(t => Smooth(t.Frames.Select(f => FrameCues(f)).ToArray(), _options.Smoothing)).ToArray();
        var results = new FaceTrack[samePerson.Count];
        if (_options.NeutralWindow == 0)
        {
            var neutral = new double[Aus.Length];
            for (int a = 0; a < Aus.Length; a++)
            {
                var values = cues.SelectMany(c => c).Where(c => c is not null).Select(c => c![a]).ToArray();
                neutral[a] = Median(values);
            }
            for (int t = 0; t < samePerson.Count; t++)
                results[t] = Build(samePerson[t], cues[t], _ => neutral);
        }
        else
        {
            for (int t = 0; t < samePerson.Count; t++)
            {
                var neutrals = CentredMedians(cues[t], _options.NeutralWindow);
                results[t] = Build(samePerson[t], cues[t], k => neutrals[k]);
            }
        }
        return results;
    }

    private double[]? FrameCues(FaceFrame f)
    {
        if (!f.Success || !(f.Confidence >= _options.MinConfidence)) return null;
        var c = new double[Aus.Length];
        return Cues(f.X, f.Y, c) ? c : null;
    }

    private FaceTrack Build(FaceTrack track, double[]?[] cues, Func<int, double[]> neutralAt)
    {
        var frames = new FaceFrame[track.Frames.Count];
        for (int k = 0; k < frames.Length; k++)
        {
            var f = track.Frames[k];
            var r = new float[Aus.Length];
            var p = new float[Aus.Length];
            if (cues[k] is { } c) Score(c, neutralAt(k), _options.PresenceThreshold, r, p);
            else
            {
                Array.Fill(r, float.NaN);
                Array.Fill(p, float.NaN);
            }
            frames[k] = f with { AuIntensity = r, AuPresence = p };
        }
        return new FaceTrack(track.Path, frames, IntensityAus, IntensityAus, track.HasLandmarks);
    }

    /// <summary>Each valid frame's cues averaged over the valid frames of a centred window of <paramref name="window"/> frames.</summary>
    private static double[]?[] Smooth(double[]?[] cues, int window)
    {
        if (window <= 1) return cues;
        int before = (window - 1) / 2, after = window - 1 - before;
        var smoothed = new double[]?[cues.Length];
        for (int k = 0; k < cues.Length; k++)
        {
            if (cues[k] is null) continue;
            var sum = new double[Aus.Length];
            int count = 0;
            for (int j = Math.Max(0, k - before); j <= Math.Min(cues.Length - 1, k + after); j++)
            {
                if (cues[j] is not { } c) continue;
                for (int a = 0; a < Aus.Length; a++) sum[a] += c[a];
                count++;
            }
            for (int a = 0; a < Aus.Length; a++) sum[a] /= count;
            smoothed[k] = sum;
        }
        return smoothed;
    }

    private static double[][] CentredMedians(double[]?[] cues, int window)
    {
        int n = cues.Length, before = (window - 1) / 2, after = window - 1 - before;
        var medians = Aus.Select(_ => new RunningMedian()).ToArray();
        var result = new double[n][];
        int lo = 0, hi = -1; // frames [lo, hi] are in the medians
        for (int k = 0; k < n; k++)
        {
            int wantLo = Math.Max(0, k - before), wantHi = Math.Min(n - 1, k + after);
            while (hi < wantHi)
            {
                hi++;
                if (cues[hi] is { } c) for (int a = 0; a < Aus.Length; a++) medians[a].Insert(c[a]);
            }
            while (lo < wantLo)
            {
                if (cues[lo] is { } c) for (int a = 0; a < Aus.Length; a++) medians[a].Remove(c[a]);
                lo++;
            }
            result[k] = medians.Select(m => m.Median).ToArray();
        }
        return result;
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static readonly int[] SlotOf = BuildSlots();

    private static int[] BuildSlots()
    {
        var s = Enumerable.Repeat(-1, 46).ToArray();
        for (int a = 0; a < Aus.Length; a++) s[Aus[a]] = a;
        return s;
    }

    /// <summary>Intensities and presences from cues and neutral (NaN where the neutral is unknown).</summary>
    internal static void Score(ReadOnlySpan<double> cue, ReadOnlySpan<double> neutral, double threshold, Span<float> intensity, Span<float> presence)
    {
        Span<double> raw = stackalloc double[Aus.Length];
        Span<double> level = stackalloc double[Aus.Length];
        for (int a = 0; a < Aus.Length; a++)
        {
            raw[a] = (cue[a] - neutral[a]) / Unit[a];
            level[a] = Math.Clamp(raw[a], 0, 5);
        }
        for (int sweep = 0; sweep < Sweeps; sweep++)
        {
            int current = -1;
            double value = 0;
            foreach (var (au, other, perUnit) in CrossTalk) // grouped by AU
            {
                int s = SlotOf[au];
                if (s != current)
                {
                    if (current >= 0) level[current] = Math.Clamp(value, 0, 5);
                    current = s;
                    value = raw[s];
                }
                value -= perUnit * level[SlotOf[other]];
            }
            if (current >= 0) level[current] = Math.Clamp(value, 0, 5);
        }
        for (int a = 0; a < Aus.Length; a++)
        {
            if (double.IsNaN(neutral[a]))
            {
                intensity[a] = presence[a] = float.NaN;
                continue;
            }
            intensity[a] = (float)level[a];
            presence[a] = level[a] >= threshold ? 1f : 0f;
        }
    }

    /// <summary>
    /// The geometric cue of each AU of <see cref="IntensityAus"/> for one frame, in inter-ocular
    /// units (before the neutral is subtracted and the scale applied); false when a landmark is not
    /// finite or the eyes coincide.
    /// </summary>
    internal static bool Cues(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<double> cue)
    {
        for (int i = 0; i < FaceTrack.LandmarkCount; i++)
            if (!float.IsFinite(x[i]) || !float.IsFinite(y[i])) return false;
        double lx = 0.5 * (x[36] + x[39]), ly = 0.5 * (y[36] + y[39]);
        double rx = 0.5 * (x[42] + x[45]), ry = 0.5 * (y[42] + y[45]);
        double ex = rx - lx, ey = ry - ly, d = Math.Sqrt(ex * ex + ey * ey);
        if (!(d > 1e-6)) return false;
        double ox = 0.5 * (lx + rx), oy = 0.5 * (ly + ry);
        ex /= d;
        ey /= d;
        // u: along the eye line (image-right positive); h: perpendicular, upward positive.
        Span<double> u = stackalloc double[FaceTrack.LandmarkCount];
        Span<double> h = stackalloc double[FaceTrack.LandmarkCount];
        for (int i = 0; i < FaceTrack.LandmarkCount; i++)
        {
            double px = x[i] - ox, py = y[i] - oy;
            u[i] = (px * ex + py * ey) / d;
            h[i] = (px * ey - py * ex) / d;
        }

        double eyeLine = (h[36] + h[39] + h[42] + h[45]) / 4;
        double innerBrow = (h[21] + h[22]) / 2 - eyeLine;                                  // inner brow height
        double outerBrow = (h[17] + h[18] + h[25] + h[26]) / 4 - eyeLine;                  // outer brow height
        double browMid = (h[19] + h[20] + h[21] + h[22] + h[23] + h[24]) / 6 - eyeLine;    // brow height, inner two thirds
        double browIn = -(u[22] - u[21]) / 2;                                              // inner brows drawn together (+)
        double upperLid = (h[37] + h[38] + h[43] + h[44]) / 4 - eyeLine;                   // upper lid height
        double lowerLid = (h[40] + h[41] + h[46] + h[47]) / 4 - eyeLine;                   // lower lid height (raised: +)
        double eyeWidth = ((u[39] - u[36]) + (u[45] - u[42])) / 2;                         // corner to corner
        double noseLift = (h[31] + h[32] + h[33] + h[34] + h[35]) / 5 - eyeLine;           // nostril wings and tip height
        double upperLip = (h[50] + h[51] + h[52]) / 3 - eyeLine;                           // top of the upper lip
        double cornerUp = (h[48] + h[54]) / 2 - eyeLine;                                   // lip corner height
        double cornerOut = (u[54] - u[48]) / 2;                                            // lip corner half-width
        double lipSidesOut = (u[53] + u[55] - u[49] - u[59]) / 4;                          // half-width beside the corners
        double lowerLip = (h[56] + h[57] + h[58]) / 3 - eyeLine;                           // bottom of the lower lip
        double innerGap = (h[61] + h[62] + h[63]) / 3 - (h[65] + h[66] + h[67]) / 3;       // inner lips apart (+)
        double chinDrop = eyeLine - h[8];                                                  // chin below the eyes

        cue[SlotOf[1]] = innerBrow + 1.25 * browIn;
        cue[SlotOf[2]] = outerBrow;
        cue[SlotOf[4]] = browIn - 0.5 * browMid - 0.5 * noseLift;
        cue[SlotOf[5]] = upperLid;
        cue[SlotOf[6]] = lowerLid + 2.26 * eyeWidth;
        cue[SlotOf[7]] = lowerLid - eyeWidth;
        cue[SlotOf[9]] = noseLift - 0.2 * upperLip;
        cue[SlotOf[10]] = upperLip - 0.6 * noseLift;
        cue[SlotOf[12]] = cornerUp + 0.2 * cornerOut - 0.64 * lowerLid;
        cue[SlotOf[14]] = cornerOut - 2.33 * lipSidesOut;
        cue[SlotOf[15]] = -cornerUp;
        cue[SlotOf[17]] = -chinDrop + 0.5 * lowerLip;
        cue[SlotOf[20]] = cornerOut + lipSidesOut;
        cue[SlotOf[23]] = -cornerOut + 0.17 * cornerUp;
        cue[SlotOf[25]] = innerGap - 0.82 * chinDrop;
        cue[SlotOf[26]] = chinDrop;
        cue[SlotOf[45]] = -upperLid + 1.33 * eyeWidth;
        return true;
    }

    private static void CheckSpans(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> intensity, Span<float> presence)
    {
        if (x.Length < FaceTrack.LandmarkCount || y.Length < FaceTrack.LandmarkCount)
            throw new ArgumentException($"expected {FaceTrack.LandmarkCount} landmark coordinates per axis, got {x.Length}/{y.Length}");
        if (intensity.Length < Aus.Length || presence.Length < Aus.Length)
            throw new ArgumentException($"intensity and presence need {Aus.Length} values each (one per AU of IntensityAus), got {intensity.Length}/{presence.Length}");
    }
}
