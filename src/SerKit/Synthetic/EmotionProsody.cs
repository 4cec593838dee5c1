namespace SerKit.Synthetic;

/// <summary>
/// How each of CREMA-D's six emotions shifts prosody relative to a speaker's neutral voice,
/// following the direction of the effects reported in the vocal-emotion literature
/// (e.g. anger and happiness: higher, wider F0, faster, louder, more effort; sadness:
/// lower, narrower F0, slower, softer, breathier).
/// </summary>
public static class EmotionProsody
{
    /// <summary>The six CREMA-D classes, in SerKit's canonical order.</summary>
    public static readonly IReadOnlyList<string> Classes = new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    /// <summary>Applies <paramref name="emotion"/> to a speaker's neutral voice.</summary>
    public static VoiceParameters Apply(VoiceParameters neutral, string emotion) => emotion switch
    {
        "ANG" => neutral with { F0 = neutral.F0 * 1.35, F0RangeSemitones = 5, Rate = neutral.Rate * 1.2, Intensity = 0.8, Effort = 0.95, Jitter = 0.015, Breathiness = 0.03 },
        "DIS" => neutral with { F0 = neutral.F0 * 0.92, F0RangeSemitones = 3, Rate = neutral.Rate * 0.8, Intensity = 0.45, Effort = 0.6, Jitter = 0.02, Breathiness = 0.08 },
        "FEA" => neutral with { F0 = neutral.F0 * 1.45, F0RangeSemitones = 2.5, Rate = neutral.Rate * 1.3, Intensity = 0.5, Effort = 0.55, Jitter = 0.04, Breathiness = 0.15 },
        "HAP" => neutral with { F0 = neutral.F0 * 1.3, F0RangeSemitones = 6, Rate = neutral.Rate * 1.1, Intensity = 0.65, Effort = 0.75, Jitter = 0.01, Breathiness = 0.04 },
        "NEU" => neutral,
        "SAD" => neutral with { F0 = neutral.F0 * 0.88, F0RangeSemitones = 1, Rate = neutral.Rate * 0.7, Intensity = 0.2, Effort = 0.2, Jitter = 0.012, Breathiness = 0.2 },
        _ => throw new ArgumentException($"unknown emotion '{emotion}' (expected one of {string.Join(", ", Classes)})", nameof(emotion)),
    };
}
