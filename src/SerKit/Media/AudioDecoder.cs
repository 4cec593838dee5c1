namespace SerKit.Media;

/// <summary>
/// Opens any audio or video file as a stream of mono float32 samples at a chosen rate (16 kHz by default).
/// PCM and float WAV files are read in-process; everything else (and WAV encodings such as ADPCM) is decoded
/// by an <c>ffmpeg</c> child process. Channels are averaged to mono. Reading is streaming: memory does not
/// grow with the length of the file.
/// </summary>
public static class AudioDecoder
{
    /// <summary>The rate speech models in SerKit expect: 16 kHz.</summary>
    public const int DefaultSampleRate = 16000;

    /// <summary>
    /// Opens <paramref name="path"/> for streaming decoding to mono at <paramref name="sampleRate"/> Hz.
    /// </summary>
    /// <exception cref="MediaException">The file is missing, empty, not media, damaged, or ffmpeg is missing.</exception>
    public static IAudioStream Open(string path, int sampleRate = DefaultSampleRate)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (Directory.Exists(path)) throw new MediaException(path, "is a folder, not a media file");
        var info = new FileInfo(path);
        if (!info.Exists) throw new MediaException(path, "file not found");
        if (info.Length == 0) throw new MediaException(path, "empty file (0 bytes)");

        IAudioStream source = (IAudioStream?)WavReader.TryOpen(path) ?? new FfmpegAudioStream(path);
        return source.SampleRate == sampleRate ? source : new ResamplingAudioStream(source, sampleRate);
    }

    /// <summary>Decodes the whole of <paramref name="path"/> into one array (mono, <paramref name="sampleRate"/> Hz).</summary>
    /// <exception cref="MediaException">As for <see cref="Open"/>, or the data is corrupt.</exception>
    public static float[] ReadAll(string path, int sampleRate = DefaultSampleRate)
    {
        using var stream = Open(path, sampleRate);
        var all = new float[ExpectedLength(stream) is long n && n < int.MaxValue ? (int)n : 1 << 16];
        int count = 0;
        Span<float> probe = stackalloc float[256];
        while (true)
        {
            if (count == all.Length)
            {
                // Full: grow only if the stream really has more.
                int more = stream.Read(probe);
                if (more == 0) break;
                Array.Resize(ref all, checked(Math.Max(all.Length * 2, count + more)));
                probe[..more].CopyTo(all.AsSpan(count));
                count += more;
                continue;
            }
            int got = stream.Read(all.AsSpan(count));
            if (got == 0) break;
            count += got;
        }
        if (count != all.Length) Array.Resize(ref all, count);
        return all;
    }

    /// <summary>The number of samples <paramref name="stream"/> will give, when known in advance.</summary>
    private static long? ExpectedLength(IAudioStream stream) => stream switch
    {
        WavReader wav => wav.TotalFrames,
        ResamplingAudioStream { Source: WavReader { TotalFrames: long n } } r => r.Resampler.OutputLength(n),
        _ => null,
    };
}
