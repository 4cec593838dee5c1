namespace SerKit.Media;

/// <summary>The sample layout of a WAV data chunk, as read from its <c>fmt </c> chunk.</summary>
/// <param name="FormatTag">The encoding: 1 integer PCM, 3 IEEE float (the sub-format for WAVE_FORMAT_EXTENSIBLE), others compressed.</param>
/// <param name="Channels">Interleaved channels per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Container bits of one sample (for PCM and float: 8 × block align / channels).</param>
/// <param name="BlockAlign">Bytes per frame (all channels).</param>
internal sealed record WavFormat(int FormatTag, int Channels, int SampleRate, int BitsPerSample, int BlockAlign)
{
    public const int TagPcm = 1;
    public const int TagIeeeFloat = 3;
    public const int TagExtensible = 0xFFFE;

    /// <summary>IEEE float samples (32 or 64 bits) rather than integer PCM.</summary>
    public bool IsFloat => FormatTag == TagIeeeFloat;

    /// <summary>Bytes of one sample of one channel.</summary>
    public int BytesPerSample => BitsPerSample / 8;

    /// <summary>Whether <see cref="MonoDownmix"/> can decode it: PCM 8/16/24/32-bit or float 32/64-bit, consistent block size.</summary>
    public bool IsSupported =>
        Channels > 0 && SampleRate > 0 && BlockAlign == Channels * BytesPerSample &&
        ((FormatTag == TagPcm && BitsPerSample is 8 or 16 or 24 or 32) ||
         (FormatTag == TagIeeeFloat && BitsPerSample is 32 or 64));

    /// <summary>A short description for messages, e.g. "PCM 16-bit, 2 channels, 44100 Hz".</summary>
    public override string ToString() =>
        $"{FormatTag switch { TagPcm => "PCM", TagIeeeFloat => "float", _ => $"format tag 0x{FormatTag:X4}" }} {BitsPerSample}-bit, {Channels} channel{(Channels == 1 ? "" : "s")}, {SampleRate} Hz";
}
