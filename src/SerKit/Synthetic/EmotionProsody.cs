namespace SerKit.Synthetic;

/// <summary>
/// How each of CREMA-D's six emotions shifts prosody relative to a speaker's neutral voice,
/// following the direction of the effects reported in the vocal-emotion literature (e.g.
/// Juslin &amp; Laukka 2003): anger and happiness higher, wider F0, faster, louder, more
/// effort (close to each other; anger more effortful, happiness wider in F0); fear highest F0,
/// narrow, fast, irregular, breathy; sadness lower, narrower, slower, softer, breathier;
/// disgust slightly lower and slower, with irregular voicing. Sadness and disgust stay close to
/// neutral, so the classes overlap as they do in acted corpora.
/// </summary>
public static class EmotionProsody
{
    /// <summary>The six CREMA-D classes, in SerKit's canonical order.</summary>
    public static readonly IReadOnlyList<string> Classes = new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    private static readonly Dictionary<string, ProsodyShift> Shifts = new(StringComparer.Ordinal)
    {
        //                       F0 st  range  rate   dB    effort jitter  shimmer breath pauses
        ["ANG"] = new ProsodyShift(3.5, 1.5, 1.10, 6.0, 0.35, 0.004, 0.02, -0.02, -0.03),
        ["HAP"] = new ProsodyShift(4.0, 2.2, 1.08, 4.5, 0.12, 0.000, 0.01, 0.00, -0.02),
        ["FEA"] = new ProsodyShift(5.5, 0.7, 1.18, 1.5, 0.05, 0.020, 0.03, 0.08, 0.04),
        ["DIS"] = new ProsodyShift(-1.5, 1.2, 0.82, 0.5, 0.08, 0.012, 0.03, 0.05, 0.05),
        ["NEU"] = new ProsodyShift(0, 1, 1, 0, 0, 0, 0, 0, 0),
        ["SAD"] = new ProsodyShift(-2.0, 0.55, 0.84, -4.5, -0.15, 0.004, 0.01, 0.06, 0.06),
    };

    /// <summary>The full-strength shift of <paramref name="emotion"/>.</summary>
    public static ProsodyShift Shift(string emotion) =>
        Shifts.TryGetValue(emotion, out var s) ? s
            : throw new ArgumentException($"unknown emotion '{emotion}' (expected one of {string.Join(", ", Classes)})", nameof(emotion));

    /// <summary>Applies <paramref name="emotion"/> at full strength to a speaker's neutral voice.</summary>
    public static VoiceParameters Apply(VoiceParameters neutral, string emotion) => Shift(emotion).ApplyTo(neutral, 1.0);

    /// <summary>
    /// One utterance's voice: <paramref name="emotion"/> applied at <paramref name="strength"/>,
    /// plus the utterance-to-utterance variation of a speaker (F0 ±0.8 st, accent range ±20 %,
    /// rate ±7 %, loudness ±1.5 dB, effort ±0.07, and small changes of voice quality).
    /// </summary>
    public static VoiceParameters Sample(VoiceParameters neutral, string emotion, double strength, int seed)
    {
        var rng = new SynthRandom(0xD1B54A32D192ED03UL ^ (ulong)(uint)seed);
        var v = Shift(emotion).ApplyTo(neutral, strength);
        return v with
        {
            F0 = v.F0 * Math.Pow(2, rng.Gaussian(0, 0.8) / 12),
            F0RangeSemitones = v.F0RangeSemitones * Math.Exp(rng.Gaussian(0, 0.2)),
            Rate = v.Rate * Math.Exp(rng.Gaussian(0, 0.07)),
            Intensity = Math.Min(0.98, v.Intensity * Math.Pow(10, rng.Gaussian(0, 1.5) / 20)),
            Effort = Math.Clamp(v.Effort + rng.Gaussian(0, 0.07), 0, 1),
            Jitter = Math.Max(0.001, v.Jitter * Math.Exp(rng.Gaussian(0, 0.2))),
            Shimmer = Math.Max(0.005, v.Shimmer * Math.Exp(rng.Gaussian(0, 0.2))),
            Breathiness = Math.Max(0.005, v.Breathiness * Math.Exp(rng.Gaussian(0, 0.25))),
        };
    }

    /// <summary>
    /// Arousal of each class on a 0–1 scale (anger highest, sadness lowest), used to scale how
    /// much a synthetic face moves.
    /// </summary>
    public static double Arousal(string emotion) => emotion switch
    {
        "ANG" => 1.0,
        "HAP" => 0.85,
        "FEA" => 0.8,
        "DIS" => 0.45,
        "NEU" => 0.3,
        "SAD" => 0.15,
        _ => throw new ArgumentException($"unknown emotion '{emotion}' (expected one of {string.Join(", ", Classes)})", nameof(emotion)),
    };
}
