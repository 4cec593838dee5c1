namespace SerKit.Audio;

/// <summary>The frame-level features SerKit computes on the centred 10 ms frame grid.</summary>
public enum FeatureKind
{
    /// <summary>Natural log of a power mel spectrogram (torchaudio <c>MelSpectrogram</c> definition), one column per band.</summary>
    LogMel,

    /// <summary>Orthonormal DCT-II of the log-mel: mel-frequency cepstral coefficients c0, c1, ….</summary>
    Mfcc,

    /// <summary>Frame RMS energy in dB relative to full scale (one column).</summary>
    Energy,

    /// <summary>Fundamental frequency in Hz (0 when unvoiced) and voicing (periodicity in [0, 1]).</summary>
    F0,
}
