namespace SerKit.Synthetic;

/// <summary>
/// A small parametric speech-like voice: a Rosenberg glottal pulse train (with jitter and
/// an F0 contour) plus aspiration noise, shaped by an effort-dependent spectral tilt, sent
/// through three vowel formant resonators that change every syllable, under a syllable
/// amplitude envelope. Deterministic for a given seed.
/// </summary>
public sealed class VoiceSynthesizer
{
    // (F1, F2, F3) in Hz of five vowels, adult male averages.
    private static readonly (double F1, double F2, double F3)[] Vowels =
    {
        (730, 1090, 2440), (270, 2290, 3010), (530, 1840, 2480), (570, 840, 2410), (300, 870, 2240),
    };

    private readonly int _sampleRate;

    public VoiceSynthesizer(int sampleRate = 16000) => _sampleRate = sampleRate;

    /// <summary>Renders <paramref name="seconds"/> of voice with the given parameters.</summary>
    public float[] Render(VoiceParameters p, double seconds, int seed)
    {
        var rng = new Random(seed);
        int n = (int)Math.Round(seconds * _sampleRate);
        var output = new float[n];
        double phase = 0, period = 1.0 / p.F0;
        double syllableLength = 1.0 / p.Rate;
        int vowel = rng.Next(Vowels.Length);
        var resonators = new FormantResonator[3];
        SetVowel(resonators, Vowels[vowel], p.FormantScale);
        double tiltState = 0, tilt = 0.97 - 0.5 * Math.Clamp(p.Effort, 0, 1);
        double contourPhase = rng.NextDouble() * 2 * Math.PI;
        int nextSyllable = (int)(syllableLength * _sampleRate);
        double lead = 0.05 * _sampleRate;
        for (int i = 0; i < n; i++)
        {
            double t = i / (double)_sampleRate;
            if (i >= nextSyllable)
            {
                vowel = (vowel + 1 + rng.Next(Vowels.Length - 1)) % Vowels.Length;
                SetVowel(resonators, Vowels[vowel], p.FormantScale);
                nextSyllable += (int)(syllableLength * _sampleRate * (0.8 + 0.4 * rng.NextDouble()));
            }
            // F0 contour: slow declination plus a syllable-rate excursion.
            double semitones = p.F0RangeSemitones * Math.Sin(2 * Math.PI * p.Rate * 0.5 * t + contourPhase) - 1.5 * t / Math.Max(seconds, 1e-3);
            double f0 = p.F0 * Math.Pow(2, semitones / 12);
            phase += 1.0 / (_sampleRate * period);
            if (phase >= 1)
            {
                phase -= 1;
                period = 1.0 / f0 * (1 + p.Jitter * (2 * rng.NextDouble() - 1));
            }
            double glottal = Rosenberg(phase, 0.4 + 0.2 * (1 - p.Effort), 0.16);
            double source = glottal - 0.5 + p.Breathiness * (2 * rng.NextDouble() - 1);
            // Spectral tilt: one-pole low-pass, steeper for low effort.
            tiltState = (1 - tilt) * source + tilt * tiltState;
            double x = tiltState;
            foreach (var r in resonators) x = r.Process(x);
            // Syllable envelope: raised cosine per syllable with short pauses, fade in/out.
            double syllablePhase = (t * p.Rate) % 1.0;
            double envelope = syllablePhase < 0.8 ? Math.Sin(Math.PI * syllablePhase / 0.8) : 0;
            double edge = Math.Min(1, Math.Min(i / lead, (n - 1 - i) / lead));
            output[i] = (float)(x * envelope * edge);
        }
        Normalize(output, p.Intensity);
        return output;
    }

    private void SetVowel(FormantResonator[] resonators, (double F1, double F2, double F3) v, double scale)
    {
        double[] freqs = { v.F1 * scale, v.F2 * scale, v.F3 * scale };
        double[] bandwidths = { 80, 100, 140 };
        for (int k = 0; k < 3; k++)
        {
            double f = Math.Min(freqs[k], 0.45 * _sampleRate);
            if (resonators[k] == null) resonators[k] = new FormantResonator();
            resonators[k].Tune(f, bandwidths[k], _sampleRate);
        }
    }

    private static double Rosenberg(double phase, double open, double close)
    {
        if (phase < open) return 0.5 * (1 - Math.Cos(Math.PI * phase / open));
        if (phase < open + close) return Math.Cos(Math.PI * (phase - open) / (2 * close));
        return 0;
    }

    private static void Normalize(float[] x, double peak)
    {
        float max = 0;
        foreach (var v in x) max = Math.Max(max, Math.Abs(v));
        if (max <= 0) return;
        float g = (float)(peak / max);
        for (int i = 0; i < x.Length; i++) x[i] *= g;
    }
}
