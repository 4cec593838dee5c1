using SerKit.Audio;

namespace SerKit.Modeling;

/// <summary>The feature settings a model was trained on (the part of <see cref="FeatureOptions"/> that defines its input), as stored in <c>config.json</c>.</summary>
public sealed record ModelFeatures
{
    /// <summary>Feature kind (log-mel by default).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(FeatureKindJsonConverter))]
    public FeatureKind Kind { get; init; } = FeatureKind.LogMel;

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Analysis window in samples.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Hop in samples.</summary>
    public int Hop { get; init; } = 160;

    /// <summary>FFT size.</summary>
    public int NFft { get; init; } = 400;

    /// <summary>Mel bands.</summary>
    public int Mels { get; init; } = 64;

    /// <summary>Lowest filterbank frequency (Hz).</summary>
    public float FMin { get; init; }

    /// <summary>Highest filterbank frequency (Hz); null = Nyquist.</summary>
    public float? FMax { get; init; }

    /// <summary>Floor before the log.</summary>
    public float LogMelFloor { get; init; } = 1e-10f;

    /// <summary>MFCCs kept (when <see cref="Kind"/> is MFCC).</summary>
    public int Mfcc { get; init; } = 13;

    /// <summary>The extractor options these settings stand for.</summary>
    public FeatureOptions ToOptions() => new()
    {
        Kind = Kind, SampleRate = SampleRate, WindowLength = WindowLength, Hop = Hop, NFft = NFft,
        Mels = Mels, FMin = FMin, FMax = FMax, LogMelFloor = LogMelFloor, Mfcc = Mfcc,
    };

    /// <summary>The settings of <paramref name="o"/>.</summary>
    public static ModelFeatures From(FeatureOptions o) => new()
    {
        Kind = o.Kind, SampleRate = o.SampleRate, WindowLength = o.WindowLength, Hop = o.Hop, NFft = o.NFft,
        Mels = o.Mels, FMin = o.FMin, FMax = o.FMax, LogMelFloor = o.LogMelFloor, Mfcc = o.Mfcc,
    };
}
