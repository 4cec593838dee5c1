using SerKit.Face;

namespace SerKit.Synthetic;

/// <summary>
/// Synthesizes the OpenFace-style face track of one utterance: per frame the 68 landmarks and
/// the AU intensities (<c>AUxx_r</c>, 0–5) and presences (<c>AUxx_c</c>) a tracker would report.
/// <list type="bullet">
/// <item>The emotion's expression (<see cref="ActionUnitPrototypes"/>) rises after the onset,
/// holds (sometimes fades), fluctuates, and is emphasised with the speech; its apex scales
/// with the utterance's strength and the person's expressivity. Some utterances blend in a
/// second expression at low intensity or show unrelated AUs for a moment.</item>
/// <item>The mouth opens with the speech: AU25 (lips part) and AU26 (jaw drop) follow the RMS
/// envelope of the utterance's own audio, scaled by the emotion's arousal.</item>
/// <item>Landmarks move consistently with the AUs (<c>ActionUnitGeometry</c>), the head moves
/// (translation, roll, small yaw, distance; more for high-arousal emotions), and each
/// coordinate gets tracking noise. Blinks drive AU45.</item>
/// <item>Reported AUs are the true ones plus estimation noise; presence is the noisy intensity
/// at or above 1. Confidence is 0.95–0.98 on tracked frames; with <see cref="TrackingLoss"/>
/// some frames fail (<c>success</c> 0, confidence below 0.25, zeros as OpenFace writes) with
/// low-confidence frames around them.</item>
/// </list>
/// Deterministic for a given seed.
/// </summary>
public sealed class FaceSynthesizer
{
    private static readonly int[] ExtraAuPool = { 1, 2, 4, 6, 7, 10, 12, 14, 17, 23 };

    /// <summary>A synthesizer writing <paramref name="frameRate"/> frames per second.</summary>
    public FaceSynthesizer(double frameRate = 30)
    {
        if (!(frameRate > 0)) throw new ArgumentOutOfRangeException(nameof(frameRate), "frame rate must be positive");
        FrameRate = frameRate;
    }

    /// <summary>Video frames per second.</summary>
    public double FrameRate { get; }

    /// <summary>Number of video frames for <paramref name="seconds"/> of audio (the last frame starts before the audio ends).</summary>
    public int FrameCount(double seconds) => Math.Max(1, (int)Math.Round(seconds * FrameRate));

    /// <summary>
    /// RMS amplitude of <paramref name="audio"/> in a 40 ms window centred on each video frame's
    /// timestamp (<c>k / FrameRate</c>): the speech envelope the mouth follows.
    /// </summary>
    public double[] SpeechEnvelope(ReadOnlySpan<float> audio, int sampleRate)
    {
        int n = FrameCount(audio.Length / (double)sampleRate);
        var env = new double[n];
        int half = (int)(0.02 * sampleRate);
        for (int k = 0; k < n; k++)
        {
            int centre = (int)Math.Round(k / FrameRate * sampleRate);
            int a = Math.Max(0, centre - half), b = Math.Min(audio.Length, centre + half);
            double sum = 0;
            for (int i = a; i < b; i++) sum += audio[i] * (double)audio[i];
            env[k] = b > a ? Math.Sqrt(sum / (b - a)) : 0;
        }
        return env;
    }

    /// <summary>
    /// Renders the face track of an utterance whose speech is <paramref name="audio"/>, spoken by
    /// <paramref name="face"/> with <paramref name="emotion"/> at <paramref name="strength"/>
    /// (0 = neutral face, 1 = typical, up to ~1.5). The track's path is <paramref name="path"/>.
    /// </summary>
    public FaceTrack Render(string path, SyntheticFace face, string emotion, double strength, ReadOnlySpan<float> audio, int sampleRate,
                            int seed, TrackingLoss loss = TrackingLoss.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var rng = new SynthRandom(0x8CB92BA72F3D8DD7UL ^ (ulong)(uint)seed);
        var prototype = ActionUnitPrototypes.For(emotion);
        double arousal = EmotionProsody.Arousal(emotion);
        double drive = Math.Clamp(strength, 0, 1.6);
        double expressivity = drive * face.Expressivity;
        double activity = arousal * (0.5 + 0.5 * drive);

        var envelope = SpeechEnvelope(audio, sampleRate);
        int n = envelope.Length;
        double reference = Percentile(envelope, 0.95);
        var speech = envelope.Select(e => reference > 0 ? Math.Min(1.2, e / reference) : 0).ToArray();

        var aus = FaceTrack.OpenFaceIntensityAus.ToList();
        var truth = new double[aus.Count][];
        for (int a = 0; a < aus.Count; a++) truth[a] = Baseline(n, rng);
        int Slot(int au) => aus.IndexOf(au);

        // The expression, a possible blend and unrelated AUs.
        double seconds = n / FrameRate;
        var shape = ExpressionShape(n, seconds, rng);
        var levels = new Dictionary<int, double>();
        foreach (var (au, apex) in prototype) levels[au] = apex * expressivity * rng.Uniform(0.75, 1.25);
        if (rng.Chance(0.25))
        {
            var blend = emotion switch
            {
                "ANG" => ActionUnitPrototypes.For("DIS"),
                "DIS" => ActionUnitPrototypes.For("ANG"),
                "FEA" => ActionUnitPrototypes.For("SAD"),
                "SAD" => ActionUnitPrototypes.For("DIS"),
                "HAP" => new[] { (1, 2.0), (2, 2.0), (5, 1.8), (26, 1.5) }, // surprise-like raised brows and open jaw
                _ => Array.Empty<(int, double)>(),
            };
            foreach (var (au, apex) in blend) levels[au] = Math.Max(levels.GetValueOrDefault(au), 0.6 * apex * expressivity);
        }
        double modulation = 0.5 * arousal;
        foreach (var (au, apex) in levels)
        {
            int slot = Slot(au);
            var fluctuation = OrnsteinUhlenbeck(n, 0.85, 0.06 + 0.08 * arousal, rng);
            int shift = rng.Next(5) - 2;
            for (int k = 0; k < n; k++)
            {
                int t = Math.Clamp(k - shift, 0, n - 1);
                truth[slot][k] += apex * shape[t] * (1 + modulation * (speech[k] - 0.5)) * Math.Exp(fluctuation[k]);
            }
        }
        int extras = rng.Chance(0.35) ? 1 + rng.Next(2) : 0;
        for (int e = 0; e < extras; e++)
        {
            int slot = Slot(ExtraAuPool[rng.Next(ExtraAuPool.Length)]);
            double level = rng.Uniform(0.8, 2.2);
            int length = Math.Max(3, (int)(rng.Uniform(0.3, 0.9) * FrameRate)), start = rng.Next(Math.Max(1, n - length));
            for (int k = start; k < Math.Min(n, start + length); k++)
                truth[slot][k] += level * Math.Sin(Math.PI * (k - start + 0.5) / length);
        }

        // The mouth follows the speech; high-arousal speech opens it more.
        double gain = 0.55 + 0.55 * arousal * Math.Clamp(drive, 0.3, 1.5);
        int au25 = Slot(25), au26 = Slot(26), au45 = Slot(45);
        for (int k = 0; k < n; k++)
        {
            double open = gain * speech[k];
            truth[au25][k] += 2.8 * open;
            truth[au26][k] += 3.2 * Math.Max(0, open - 0.3);
        }
        // Blinks.
        double blinkRate = rng.Uniform(0.2, 0.45);
        double[] blink = { 1.5, 3.5, 4.5, 3.0, 1.2 };
        for (int k = 0; k < n; k++)
            if (rng.Chance(blinkRate / FrameRate))
                for (int j = 0; j < blink.Length && k + j < n; j++) truth[au45][k + j] = Math.Max(truth[au45][k + j], blink[j]);
        foreach (var series in truth)
            for (int k = 0; k < n; k++) series[k] = Math.Clamp(series[k], 0, 5);

        // Landmarks: neutral + AU displacements, then head pose, then tracking noise.
        var fields = aus.Select(ActionUnitGeometry.Of).ToArray();
        double cx = face.NeutralX.Average(), cy = face.NeutralY.Average();
        double headScale = face.HeadMotion * (0.5 + activity);
        var tx = OrnsteinUhlenbeck(n, 0.92, 0.7 * headScale, rng);
        var ty = OrnsteinUhlenbeck(n, 0.92, 0.6 * headScale, rng);
        var roll = OrnsteinUhlenbeck(n, 0.95, 0.004 * headScale, rng);
        var yaw = OrnsteinUhlenbeck(n, 0.95, 0.006 * headScale, rng);
        var distance = OrnsteinUhlenbeck(n, 0.97, 0.002 * headScale, rng);
        double nod = 2.5 * activity * face.HeadMotion;

        var failed = new bool[n];
        var shaky = new bool[n];
        PlanLoss(loss, n, rng, failed, shaky);

        var frames = new List<FaceFrame>(n);
        var presence = FaceTrack.OpenFacePresenceAus;
        int lipSuck = rng.Chance(0.05) ? rng.Next(n) : -1;
        for (int k = 0; k < n; k++)
        {
            var x = new float[FaceTemplate.Count];
            var y = new float[FaceTemplate.Count];
            var r = new float[aus.Count];
            var c = new float[presence.Count];
            if (failed[k])
            {
                frames.Add(new FaceFrame(k + 1, 0, k / FrameRate, Math.Round(rng.Uniform(0, 0.25), 2), false, x, y, r, c));
                continue;
            }
            double cosR = Math.Cos(roll[k]), sinR = Math.Sin(roll[k]), cosY = Math.Cos(yaw[k]), sinY = Math.Sin(yaw[k]);
            double zoom = 1 + distance[k];
            double noise = shaky[k] ? 1.2 : 0.3;
            for (int i = 0; i < FaceTemplate.Count; i++)
            {
                double px = face.NeutralX[i], py = face.NeutralY[i];
                for (int a = 0; a < aus.Count; a++)
                {
                    if (fields[a] is not { } f || truth[a][k] == 0) continue;
                    px += face.Scale * truth[a][k] * f.Dx[i];
                    py += face.Scale * truth[a][k] * f.Dy[i];
                }
                double rx = (px - cx) * cosY + FaceTemplate.Depth[i] * face.Scale * sinY, ry = py - cy;
                double qx = zoom * (rx * cosR - ry * sinR), qy = zoom * (rx * sinR + ry * cosR);
                x[i] = (float)(cx + tx[k] + qx + rng.Gaussian(0, noise));
                y[i] = (float)(cy + ty[k] + nod * speech[k] + qy + rng.Gaussian(0, noise));
            }
            for (int a = 0; a < aus.Count; a++)
                r[a] = (float)Math.Clamp(truth[a][k] + rng.Gaussian(0, shaky[k] ? 0.3 : 0.1), 0, 5);
            for (int p = 0; p < presence.Count; p++)
            {
                int a = aus.IndexOf(presence[p]);
                double level = a >= 0 ? truth[a][k] : (lipSuck >= 0 && Math.Abs(k - lipSuck) < 6 ? 1.5 : 0);
                c[p] = level + rng.Gaussian(0, 0.3) >= 1 ? 1 : 0;
            }
            double confidence = shaky[k] ? rng.Uniform(0.5, 0.79) : rng.Uniform(0.95, 0.98);
            frames.Add(new FaceFrame(k + 1, 0, k / FrameRate, Math.Round(confidence, 2), true, x, y, r, c));
        }
        return new FaceTrack(path, frames, aus, presence);
    }

    private static double[] Baseline(int n, SynthRandom rng)
    {
        double level = Math.Abs(rng.Gaussian(0, 0.15));
        var wobble = OrnsteinUhlenbeck(n, 0.9, 0.03, rng);
        return wobble.Select(w => Math.Max(0, level + w)).ToArray();
    }

    /// <summary>Onset ramp, hold, and sometimes a fade near the end (0–1 per frame).</summary>
    private double[] ExpressionShape(int n, double seconds, SynthRandom rng)
    {
        double onset = rng.Uniform(0, 0.2) * seconds, rise = rng.Uniform(0.15, 0.4);
        bool fades = rng.Chance(0.4);
        double fadeAt = rng.Uniform(0.7, 0.9) * seconds, fall = 0.3;
        var shape = new double[n];
        for (int k = 0; k < n; k++)
        {
            double t = k / FrameRate;
            double s = t <= onset ? 0 : t >= onset + rise ? 1 : 0.5 * (1 - Math.Cos(Math.PI * (t - onset) / rise));
            if (fades && t > fadeAt) s *= 1 - 0.7 * Math.Min(1, (t - fadeAt) / fall);
            shape[k] = s;
        }
        return shape;
    }

    private static void PlanLoss(TrackingLoss loss, int n, SynthRandom rng, bool[] failed, bool[] shaky)
    {
        void Run(int start, int length)
        {
            for (int k = Math.Max(0, start); k < Math.Min(n, start + length); k++) failed[k] = true;
        }
        switch (loss)
        {
            case TrackingLoss.Brief:
                int len = Math.Min(Math.Max(1, n / 3), 3 + rng.Next(10));
                Run(rng.Next(Math.Max(1, n - len)), len);
                break;
            case TrackingLoss.Severe:
                int total = (int)Math.Ceiling(rng.Uniform(0.55, 0.8) * n);
                if (rng.Chance(0.5)) Run(rng.Next(Math.Max(1, n - total + 1)), total);
                else
                {
                    int first = total / 2;
                    Run(0, first);
                    Run(n - (total - first), total - first);
                }
                break;
        }
        for (int k = 0; k < n; k++)
        {
            if (failed[k]) continue;
            for (int d = 1; d <= 2; d++)
                if ((k - d >= 0 && failed[k - d]) || (k + d < n && failed[k + d])) shaky[k] = true;
        }
    }

    private static double[] OrnsteinUhlenbeck(int n, double keep, double innovation, SynthRandom rng)
    {
        var x = new double[n];
        double state = innovation / Math.Sqrt(1 - keep * keep) * rng.Gaussian();
        for (int k = 0; k < n; k++)
        {
            state = keep * state + innovation * rng.Gaussian();
            x[k] = state;
        }
        return x;
    }

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(q * (sorted.Length - 1)))];
    }
}
