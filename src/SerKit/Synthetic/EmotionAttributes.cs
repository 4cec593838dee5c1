namespace SerKit.Synthetic;

/// <summary>
/// Emotional attributes (arousal, valence, dominance on MSP-Podcast's 1–7 scale, 4 = neutral) of a demo-corpus utterance, derived from the
/// emotion <em>and the prosody actually synthesised</em>, so that they can be learnt from the speech:
/// <list type="bullet">
/// <item>the <b>activation</b> of the realised voice relative to the speaker's neutral voice, act = 0.1·ΔF0 (semitones) + 0.5·ln(accent range
/// ratio) + 2·ln(rate ratio) + 0.12·Δloudness (dB) + 2·Δeffort, covers the emotion's shift at its strength and the utterance's own
/// variation;</item>
/// <item>the <b>realised strength</b> s ≥ 0 of the emotion: the projection of the realised shift onto the class's full-strength shift
/// (<see cref="EmotionProsody.Shift"/>) in coordinates scaled by typical sizes (2 st, 0.3, 0.1, 3 dB, 0.15); 0 for neutral;</item>
/// <item>arousal = 4 + 0.8·act; valence = 4 + s·(V_e − 4); dominance = 4 + s·(D_e − 4) + 0.4·(act − s·act_e), where V_e and D_e are the class's
/// full-strength valence and dominance and act_e its full-strength activation (a louder, more effortful delivery than the emotion alone
/// explains sounds more dominant);</item>
/// <item>plus rater disagreement, N(0, 0.2²) per attribute from a stream of its own; clamped to [1, 7], rounded to 0.01.</item>
/// </list>
/// Class values at strength 1 (arousal from the activation): ANG 5.7 / 2.2 / 5.6, HAP 5.4 / 6.0 / 5.0, FEA 4.8 / 2.5 / 2.6,
/// DIS 3.8 / 2.6 / 4.6, NEU 4 / 4 / 4, SAD 2.6 / 2.4 / 2.7 (arousal / valence / dominance).
/// </summary>
public static class EmotionAttributes
{
    /// <summary>The attribute columns the demo corpus writes, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["arousal", "valence", "dominance"];

    /// <summary>Lowest and highest value (MSP-Podcast's scale).</summary>
    public const double Min = 1, Max = 7;

    /// <summary>The neutral point of every attribute.</summary>
    public const double Neutral = 4;

    private static readonly Dictionary<string, (double Valence, double Dominance)> FullStrength = new(StringComparer.Ordinal)
    {
        ["ANG"] = (2.2, 5.6),
        ["HAP"] = (6.0, 5.0),
        ["FEA"] = (2.5, 2.6),
        ["DIS"] = (2.6, 4.6),
        ["NEU"] = (4.0, 4.0),
        ["SAD"] = (2.4, 2.7),
    };

    /// <summary>The activation of <paramref name="voice"/> relative to <paramref name="neutral"/> (0 for the neutral voice itself).</summary>
    public static double Activation(VoiceParameters neutral, VoiceParameters voice) => Activation(Coordinates(neutral, voice));

    /// <summary>The realised strength of <paramref name="emotion"/> in <paramref name="voice"/> (0 for NEU and for a shift against the emotion's direction).</summary>
    public static double RealisedStrength(VoiceParameters neutral, VoiceParameters voice, string emotion)
    {
        var u = Scaled(FullShift(emotion));
        double uu = u.Sum(v => v * v);
        if (uu == 0) return 0;
        var x = Scaled(Coordinates(neutral, voice));
        return Math.Max(0, x.Zip(u, (a, b) => a * b).Sum() / uu);
    }

    /// <summary>
    /// Arousal, valence and dominance of an utterance of <paramref name="emotion"/> rendered with <paramref name="voice"/> by a speaker whose
    /// neutral voice is <paramref name="neutral"/>; <paramref name="raterSeed"/> seeds the rater disagreement.
    /// </summary>
    public static double[] Rate(VoiceParameters neutral, VoiceParameters voice, string emotion, ulong raterSeed)
    {
        if (!FullStrength.TryGetValue(emotion, out var full))
            throw new ArgumentException($"unknown emotion '{emotion}' (expected one of {string.Join(", ", EmotionProsody.Classes)})", nameof(emotion));
        double act = Activation(neutral, voice);
        double s = RealisedStrength(neutral, voice, emotion);
        double residual = act - s * Activation(FullShift(emotion));
        var rater = new SynthRandom(raterSeed);
        double[] values =
        [
            Neutral + 0.8 * act,
            Neutral + s * (full.Valence - Neutral),
            Neutral + s * (full.Dominance - Neutral) + 0.4 * residual,
        ];
        for (int i = 0; i < values.Length; i++) values[i] = Math.Round(Math.Clamp(values[i] + rater.Gaussian(0, 0.2), Min, Max), 2);
        return values;
    }

    // Prosodic coordinates of a shift: F0 (semitones), ln accent range ratio, ln rate ratio, loudness (dB), effort.
    private static double[] Coordinates(VoiceParameters neutral, VoiceParameters voice) =>
    [
        12 * Math.Log2(voice.F0 / neutral.F0),
        Math.Log(voice.F0RangeSemitones / neutral.F0RangeSemitones),
        Math.Log(voice.Rate / neutral.Rate),
        20 * Math.Log10(voice.Intensity / neutral.Intensity),
        voice.Effort - neutral.Effort,
    ];

    private static double[] FullShift(string emotion)
    {
        var s = EmotionProsody.Shift(emotion);
        return [s.F0Semitones, Math.Log(s.RangeFactor), Math.Log(s.RateFactor), s.IntensityDb, s.Effort];
    }

    private static double Activation(double[] x) => 0.1 * x[0] + 0.5 * x[1] + 2 * x[2] + 0.12 * x[3] + 2 * x[4];

    private static double[] Scaled(double[] x) => [x[0] / 2, x[1] / 0.3, x[2] / 0.1, x[3] / 3, x[4] / 0.15];
}
