namespace SerKit.Synthetic;

/// <summary>
/// How one emotion moves a speaker's voice away from their neutral voice, at full strength:
/// F0 level (semitones), accent range and rate (factors), loudness (dB), and additive changes
/// of effort, jitter, shimmer, breathiness and pause probability.
/// </summary>
public sealed record ProsodyShift(double F0Semitones, double RangeFactor, double RateFactor, double IntensityDb,
                                  double Effort, double Jitter, double Shimmer, double Breathiness, double Pauses)
{
    /// <summary>Applies the shift at <paramref name="strength"/> (0 = neutral voice, 1 = full shift; factors scale geometrically).</summary>
    public VoiceParameters ApplyTo(VoiceParameters neutral, double strength) => neutral with
    {
        F0 = neutral.F0 * Math.Pow(2, strength * F0Semitones / 12),
        F0RangeSemitones = neutral.F0RangeSemitones * Math.Pow(RangeFactor, strength),
        Rate = neutral.Rate * Math.Pow(RateFactor, strength),
        Intensity = Math.Min(0.98, neutral.Intensity * Math.Pow(10, strength * IntensityDb / 20)),
        Effort = Math.Clamp(neutral.Effort + strength * Effort, 0, 1),
        Jitter = Math.Max(0, neutral.Jitter + strength * Jitter),
        Shimmer = Math.Max(0, neutral.Shimmer + strength * Shimmer),
        Breathiness = Math.Max(0, neutral.Breathiness + strength * Breathiness),
        PauseProbability = Math.Clamp(neutral.PauseProbability + strength * Pauses, 0, 0.6),
    };
}
