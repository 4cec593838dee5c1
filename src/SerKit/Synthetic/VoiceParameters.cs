namespace SerKit.Synthetic;

/// <summary>
/// Prosody and voice-quality settings of one synthetic utterance: the knobs by which
/// emotions and speakers differ in the acoustic literature (F0 level and range, speaking
/// rate, intensity, spectral tilt, jitter, shimmer, breathiness) plus the speaker's formant scaling.
/// </summary>
public sealed record VoiceParameters
{
    /// <summary>Mean F0 in Hz.</summary>
    public double F0 { get; init; } = 120;
    /// <summary>Height of the pitch accents on stressed syllables, in semitones.</summary>
    public double F0RangeSemitones { get; init; } = 2;
    /// <summary>Syllables per second.</summary>
    public double Rate { get; init; } = 4;
    /// <summary>Peak amplitude (0–1) of the rendered utterance.</summary>
    public double Intensity { get; init; } = 0.3;
    /// <summary>Vocal effort: 0 breathy/soft (short closing phase, steep spectral tilt, low F1) … 1 pressed/loud (flat tilt, higher F1).</summary>
    public double Effort { get; init; } = 0.5;
    /// <summary>Cycle-to-cycle F0 perturbation (fraction, e.g. 0.01 = 1 %).</summary>
    public double Jitter { get; init; } = 0.01;
    /// <summary>Cycle-to-cycle amplitude perturbation (fraction).</summary>
    public double Shimmer { get; init; } = 0.03;
    /// <summary>Vocal-tract length scaling of the formants (1 = adult male average; ~1.17 adult female).</summary>
    public double FormantScale { get; init; } = 1;
    /// <summary>Aspiration noise level relative to the voiced source.</summary>
    public double Breathiness { get; init; } = 0.05;
    /// <summary>Probability of a phrase pause after a syllable.</summary>
    public double PauseProbability { get; init; } = 0.1;
}
