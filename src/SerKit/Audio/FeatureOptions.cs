namespace SerKit.Audio;

/// <summary>
/// What to compute and on which frame grid. Lengths are in samples at <see cref="SampleRate"/>.
/// Every kind uses the same centred grid: frame <c>t</c> is centred on sample <c>t·Hop</c>,
/// the signal is reflect-padded by half a frame at both ends (torch.stft <c>center=True</c>),
/// and a signal of N samples has <c>1 + N / Hop</c> frames (integer division) whatever the kind.
/// Defaults: 25 ms window, 10 ms hop at 16 kHz, 64 mel bands, 13 MFCCs, F0 in 50–500 Hz.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>Which feature to compute.</summary>
    public FeatureKind Kind { get; init; } = FeatureKind.LogMel;

    /// <summary>Sample rate the audio must have (the decoder resamples to it).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Analysis window length (Hann for the log-mel, rectangular for energy); 400 = 25 ms.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Distance between frame centres; 160 = 10 ms.</summary>
    public int Hop { get; init; } = 160;

    /// <summary>FFT size for the log-mel and MFCC (at least <see cref="WindowLength"/>; the window is centred in it).</summary>
    public int NFft { get; init; } = 400;

    /// <summary>Number of mel bands.</summary>
    public int Mels { get; init; } = 64;

    /// <summary>Lowest filterbank frequency in Hz.</summary>
    public float FMin { get; init; }

    /// <summary>Highest filterbank frequency in Hz; null means the Nyquist frequency.</summary>
    public float? FMax { get; init; }

    /// <summary>Floor applied before the natural log of the mel power: <c>log(max(x, LogMelFloor))</c>.</summary>
    public float LogMelFloor { get; init; } = 1e-10f;

    /// <summary>Number of MFCCs kept (c0 … c(Mfcc−1)); at most <see cref="Mels"/>.</summary>
    public int Mfcc { get; init; } = 13;

    /// <summary>Floor of the frame energy in dB: <c>max(20·log10(rms), EnergyFloorDb)</c>.</summary>
    public float EnergyFloorDb { get; init; } = -100f;

    /// <summary>Lowest F0 searched, in Hz.</summary>
    public float F0Min { get; init; } = 50f;

    /// <summary>Highest F0 searched, in Hz.</summary>
    public float F0Max { get; init; } = 500f;

    /// <summary>F0 analysis frame (same centres as the other features); 640 = 40 ms. Must hold two periods of <see cref="F0Min"/>.</summary>
    public int F0WindowLength { get; init; } = 640;

    /// <summary>A frame is voiced when its YIN aperiodicity (cumulative-mean-normalised difference at the chosen lag) is below this.</summary>
    public float VoicingThreshold { get; init; } = 0.15f;

    /// <summary>Frames whose RMS (over the F0 frame) is below this many dBFS are unvoiced whatever their periodicity.</summary>
    public float F0SilenceDb { get; init; } = -60f;

    /// <summary>Frames computed per block; bounds memory (not the values) while streaming.</summary>
    public int BlockFrames { get; init; } = 256;

    /// <summary>The upper filterbank edge actually used.</summary>
    public float EffectiveFMax => FMax ?? SampleRate / 2f;

    /// <summary>Samples per frame of the selected <see cref="Kind"/> (the padding on each side is half of it).</summary>
    public int FrameLength => Kind switch
    {
        FeatureKind.LogMel or FeatureKind.Mfcc => NFft,
        FeatureKind.Energy => WindowLength,
        FeatureKind.F0 => F0WindowLength,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>Shortest signal that can be framed: reflect padding by half a frame needs more than half a frame of signal.</summary>
    public long MinimumSamples => FrameLength / 2 + 1;

    /// <summary>Frames produced for a signal of <paramref name="samples"/> samples: <c>1 + samples / Hop</c>.</summary>
    public long FrameCount(long samples) => 1 + samples / Hop;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"invalid feature options: {message}");
        }
        Require(Enum.IsDefined(Kind), $"unknown kind {Kind}");
        Require(SampleRate > 0, $"sample rate must be positive (got {SampleRate})");
        Require(Hop > 0, $"hop must be positive (got {Hop})");
        Require(WindowLength > 1 && WindowLength % 2 == 0, $"window length must be even and > 1 (got {WindowLength})");
        Require(NFft >= WindowLength && NFft % 2 == 0, $"n_fft must be even and at least the window length {WindowLength} (got {NFft})");
        Require(F0WindowLength > 1 && F0WindowLength % 2 == 0, $"F0 window length must be even (got {F0WindowLength})");
        Require(Hop <= Math.Min(WindowLength, NFft), $"hop {Hop} must not exceed the window length {WindowLength}");
        Require(Mels > 0, $"mels must be positive (got {Mels})");
        Require(FMin >= 0 && EffectiveFMax > FMin && EffectiveFMax <= SampleRate / 2f,
            $"need 0 <= f_min < f_max <= {SampleRate / 2} Hz (got {FMin}, {EffectiveFMax})");
        Require(LogMelFloor > 0, $"log-mel floor must be positive (got {LogMelFloor})");
        Require(Mfcc > 0 && Mfcc <= Mels, $"MFCC count must be in 1..{Mels} (got {Mfcc})");
        Require(F0Min > 0 && F0Max > F0Min && F0Max < SampleRate / 4f, $"need 0 < F0 min < F0 max < {SampleRate / 4} Hz (got {F0Min}, {F0Max})");
        Require(F0WindowLength >= 2 * (int)Math.Ceiling(SampleRate / F0Min),
            $"F0 window of {F0WindowLength} samples is shorter than two periods of F0 min {F0Min} Hz ({2 * (int)Math.Ceiling(SampleRate / F0Min)} samples)");
        Require(Hop <= F0WindowLength || Kind != FeatureKind.F0, $"hop {Hop} must not exceed the F0 window length {F0WindowLength}");
        Require(VoicingThreshold > 0 && VoicingThreshold < 1, $"voicing threshold must be in (0, 1) (got {VoicingThreshold})");
        Require(BlockFrames > 0, $"block frames must be positive (got {BlockFrames})");
    }
}
