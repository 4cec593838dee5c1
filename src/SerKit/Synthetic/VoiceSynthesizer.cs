namespace SerKit.Synthetic;

/// <summary>
/// A small parametric source–filter voice. An utterance is planned as a sequence of syllables
/// (onset consonant — fricative noise or plosive closure and burst — then a vowel nucleus)
/// with random lengths around the speaking rate, stressed syllables carrying a pitch accent and
/// more energy, and occasional phrase pauses. Voiced nuclei use a Rosenberg glottal flow
/// derivative (with F0 declination, accents, slow drift, jitter and shimmer), pulsed aspiration
/// noise and an effort-dependent spectral tilt, sent through a cascade of four formant
/// resonators that glide between vowel targets. Deterministic for a given seed.
/// </summary>
public sealed class VoiceSynthesizer
{
    // (F1, F2, F3) in Hz, adult male averages (Peterson & Barney style): a, i, e, o, u, ae, uh.
    private static readonly (double F1, double F2, double F3)[] Vowels =
    {
        (730, 1090, 2440), (270, 2290, 3010), (530, 1840, 2480), (570, 840, 2410),
        (300, 870, 2240), (660, 1720, 2410), (520, 1190, 2390),
    };

    private static readonly double[] Bandwidths = { 60, 90, 150, 200 };

    private readonly int _sampleRate;

    /// <summary>A synthesizer producing <paramref name="sampleRate"/> Hz audio.</summary>
    public VoiceSynthesizer(int sampleRate = 16000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        _sampleRate = sampleRate;
    }

    /// <summary>The output sample rate in Hz.</summary>
    public int SampleRate => _sampleRate;

    private enum Onset { None, Fricative, Plosive }

    private readonly record struct Syllable(int Start, int NucleusStart, int End, int Vowel, bool Stressed, Onset Onset, double NoiseFrequency, double Gain);

    /// <summary>Renders <paramref name="seconds"/> of voice with the given parameters; the peak amplitude is <see cref="VoiceParameters.Intensity"/>.</summary>
    public float[] Render(VoiceParameters p, double seconds, int seed)
    {
        if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(seconds), "duration must be positive");
        if (!(p.F0 > 0) || !(p.Rate > 0)) throw new ArgumentException("F0 and rate must be positive", nameof(p));
        var rng = new SynthRandom(0x9E6C63D0876A9A47UL ^ (ulong)(uint)seed);
        int n = Math.Max(1, (int)Math.Round(seconds * _sampleRate));
        var syllables = Plan(p, n, rng);

        // Per-sample envelopes and pitch contour (semitones relative to p.F0).
        var voiceAmp = new float[n];
        var noiseAmp = new float[n];
        var pitch = new float[n];
        FillContours(p, syllables, n, rng, voiceAmp, noiseAmp, pitch);

        var voiced = new float[n];
        var noise = new float[n];
        RenderVoiced(p, syllables, voiceAmp, pitch, rng, voiced);
        RenderNoise(syllables, noiseAmp, rng, noise);

        Normalize(voiced, 1.0);
        Normalize(noise, 1.0);
        var output = new float[n];
        int fade = Math.Min(n / 2, (int)(0.01 * _sampleRate));
        for (int i = 0; i < n; i++)
        {
            double edge = fade == 0 ? 1 : Math.Min(1, Math.Min(i, n - 1 - i) / (double)fade);
            output[i] = (float)((voiced[i] + 0.14 * noise[i]) * edge);
        }
        Normalize(output, p.Intensity);
        return output;
    }

    private List<Syllable> Plan(VoiceParameters p, int n, SynthRandom rng)
    {
        var list = new List<Syllable>();
        double sr = _sampleRate;
        int t = (int)(rng.Uniform(0.04, 0.12) * sr);
        int stop = n - (int)(rng.Uniform(0.05, 0.12) * sr);
        int vowel = rng.Next(Vowels.Length);
        int sinceStress = 0;
        while (true)
        {
            bool stressed = sinceStress >= 1 && rng.Chance(sinceStress >= 3 ? 0.8 : 0.35);
            sinceStress = stressed ? 0 : sinceStress + 1;
            double length = (1.0 / p.Rate) * rng.Uniform(0.75, 1.25) * (stressed ? 1.15 : 1.0);
            int len = (int)(length * sr);
            if (t + len > stop)
            {
                if (list.Count > 0 || stop - t < 0.08 * sr) break;
                len = stop - t; // a very short utterance still gets one syllable
            }
            var onset = rng.NextDouble() switch { < 0.25 => Onset.None, < 0.65 => Onset.Fricative, _ => Onset.Plosive };
            int onsetLen = onset switch
            {
                Onset.Fricative => (int)(rng.Uniform(0.04, 0.09) * sr),
                Onset.Plosive => (int)(rng.Uniform(0.035, 0.06) * sr),
                _ => 0,
            };
            onsetLen = Math.Min(onsetLen, len / 2);
            double noiseFrequency = onset == Onset.Fricative ? rng.Uniform(2500, 6000) : rng.Uniform(1500, 4000);
            vowel = (vowel + 1 + rng.Next(Vowels.Length - 1)) % Vowels.Length;
            double gain = stressed ? 1.0 : rng.Uniform(0.55, 0.8);
            list.Add(new Syllable(t, t + onsetLen, t + len, vowel, stressed, onset, noiseFrequency, gain));
            t += len;
            if (rng.Chance(p.PauseProbability)) t += (int)(rng.Uniform(0.08, 0.22) * sr);
        }
        return list;
    }

    private void FillContours(VoiceParameters p, List<Syllable> syllables, int n, SynthRandom rng, float[] voiceAmp, float[] noiseAmp, float[] pitch)
    {
        double sr = _sampleRate;
        // Declination and a slow random drift (Ornstein–Uhlenbeck, updated every 10 ms).
        int block = (int)(0.01 * sr);
        double drift = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % block == 0) drift = 0.9 * drift + 0.12 * rng.Gaussian();
            pitch[i] = (float)(-1.5 * i / n + drift);
        }
        for (int s = 0; s < syllables.Count; s++)
        {
            var syl = syllables[s];
            int a = syl.NucleusStart, b = syl.End, len = b - a;
            double declination = 1 - 0.25 * a / n;
            int attack = Math.Max(1, Math.Min(len / 3, (int)(0.03 * sr)));
            int release = Math.Max(1, Math.Min(len / 3, (int)(0.05 * sr)));
            for (int i = a; i < b; i++)
            {
                double env = 1;
                if (i - a < attack) env = 0.5 * (1 - Math.Cos(Math.PI * (i - a) / attack));
                else if (b - i < release) env = 0.5 * (1 - Math.Cos(Math.PI * (b - i) / release));
                voiceAmp[i] = (float)(env * syl.Gain * declination);
            }
            // Pitch accent: a raised-cosine bump over the nucleus; small movements elsewhere; a final fall.
            double height = syl.Stressed ? p.F0RangeSemitones * rng.Uniform(0.7, 1.2) : p.F0RangeSemitones * rng.Uniform(-0.15, 0.25);
            if (s == syllables.Count - 1) height -= 0.4 * p.F0RangeSemitones;
            int margin = (int)(0.05 * sr);
            int from = Math.Max(0, a - margin), to = Math.Min(n, b + margin);
            for (int i = from; i < to; i++)
                pitch[i] += (float)(height * 0.5 * (1 - Math.Cos(2 * Math.PI * (i - from) / Math.Max(1, to - from))));
            // Onset consonant noise.
            if (syl.Onset == Onset.Fricative)
            {
                int flen = a - syl.Start;
                for (int i = syl.Start; i < a; i++) noiseAmp[i] = (float)(Math.Sin(Math.PI * (i - syl.Start) / flen) * syl.Gain);
            }
            else if (syl.Onset == Onset.Plosive)
            {
                int burst = Math.Max(1, Math.Min((int)(0.015 * sr), (a - syl.Start) / 2));
                for (int i = a - burst; i < a; i++) noiseAmp[i] = (float)(2.0 * syl.Gain * (a - i) / burst);
            }
        }
    }

    private void RenderVoiced(VoiceParameters p, List<Syllable> syllables, float[] voiceAmp, float[] pitch, SynthRandom rng, float[] output)
    {
        int n = output.Length;
        double effort = Math.Clamp(p.Effort, 0, 1);
        double open = 0.4 + 0.2 * (1 - effort), close = Math.Max(0.05, 0.16 - 0.08 * effort);
        double tilt = Math.Clamp(0.97 - 0.5 * effort, 0.3, 0.98);
        double f1Factor = 1 + 0.2 * (effort - 0.5);
        var resonators = new FormantResonator[4];
        for (int k = 0; k < 4; k++) resonators[k] = new FormantResonator();
        var current = Targets(syllables.Count > 0 ? syllables[0].Vowel : 0, p.FormantScale, f1Factor);
        Tune(resonators, current);
        double phase = 0, period = 1.0 / p.F0, amp = 1, prevFlow = 0, tiltState = 0;
        int syllable = 0;
        const int Block = 32;
        for (int i = 0; i < n; i++)
        {
            if (i % Block == 0)
            {
                while (syllable < syllables.Count - 1 && i >= syllables[syllable].End) syllable++;
                var target = Targets(syllables.Count > 0 ? syllables[syllable].Vowel : 0, p.FormantScale, f1Factor);
                for (int k = 0; k < 4; k++) current[k] += 0.15 * (target[k] - current[k]);
                Tune(resonators, current);
            }
            phase += 1.0 / (_sampleRate * period);
            if (phase >= 1)
            {
                phase -= Math.Floor(phase);
                double f0 = p.F0 * Math.Pow(2, pitch[i] / 12.0);
                period = 1.0 / f0 * (1 + p.Jitter * rng.Gaussian());
                amp = Math.Max(0.2, 1 + p.Shimmer * rng.Gaussian());
            }
            double flow = Rosenberg(phase, open, close) * amp;
            double derivative = (flow - prevFlow) * period * _sampleRate * close;
            prevFlow = flow;
            double aspiration = p.Breathiness * (rng.NextDouble() + rng.NextDouble() - 1) * 2 * (0.3 + flow);
            tiltState = (1 - tilt) * (derivative + aspiration) + tilt * tiltState;
            double x = tiltState * voiceAmp[i];
            foreach (var r in resonators) x = r.Process(x);
            output[i] = (float)x;
        }
    }

    private void RenderNoise(List<Syllable> syllables, float[] noiseAmp, SynthRandom rng, float[] output)
    {
        var resonator = new FormantResonator();
        resonator.Tune(Math.Min(4000, 0.45 * _sampleRate), 1200, _sampleRate);
        double previous = 0;
        int syllable = -1;
        for (int i = 0; i < output.Length; i++)
        {
            int s = syllable;
            while (s + 1 < syllables.Count && i >= syllables[s + 1].Start) s++;
            if (s != syllable)
            {
                syllable = s;
                resonator.Tune(Math.Min(syllables[s].NoiseFrequency, 0.45 * _sampleRate), 1200, _sampleRate);
            }
            double white = rng.NextDouble() - 0.5;
            double highPassed = white - previous;
            previous = white;
            output[i] = (float)(resonator.Process(highPassed) * noiseAmp[i]);
        }
    }

    private double[] Targets(int vowel, double scale, double f1Factor)
    {
        var v = Vowels[vowel];
        double max = 0.45 * _sampleRate;
        return new[]
        {
            Math.Min(v.F1 * scale * f1Factor, max), Math.Min(v.F2 * scale, max),
            Math.Min(v.F3 * scale, max), Math.Min(3500 * scale, max),
        };
    }

    private void Tune(FormantResonator[] resonators, double[] frequencies)
    {
        for (int k = 0; k < resonators.Length; k++) resonators[k].Tune(frequencies[k], Bandwidths[k], _sampleRate);
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
