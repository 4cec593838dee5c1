namespace SerKit.Media;

/// <summary>How <see cref="WavFile.Write"/> stores each sample.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (format tag 1).</summary>
    Pcm16,

    /// <summary>24-bit signed integer PCM (format tag 1).</summary>
    Pcm24,

    /// <summary>32-bit signed integer PCM (format tag 1).</summary>
    Pcm32,

    /// <summary>32-bit IEEE float (format tag 3).</summary>
    Float32,
}
