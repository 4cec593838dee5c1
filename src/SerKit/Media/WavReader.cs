namespace SerKit.Media;

/// <summary>
/// Reads a PCM (8/16/24/32-bit) or IEEE float (32/64-bit) WAV file in-process, chunk by chunk,
/// as mono float samples at the file's own rate (channels averaged). RIFF, RF64 and
/// WAVE_FORMAT_EXTENSIBLE headers are understood; other chunks are skipped.
/// </summary>
internal sealed class WavReader : IAudioStream
{
    private const int ChunkFrames = 4096;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly WavFormat _format;
    private readonly long? _dataBytes;
    private readonly byte[] _bytes;
    private long _bytesRead;
    private long _framesRead;
    private bool _ended;

    /// <summary>Reads from <paramref name="stream"/> positioned at the first byte of audio described by <paramref name="header"/>.</summary>
    public WavReader(Stream stream, string path, WavHeader header, bool ownsStream = true)
    {
        if (!header.Format.IsSupported) throw new MediaException(path, $"unsupported WAV encoding ({header.Format})");
        _stream = stream;
        _ownsStream = ownsStream;
        Path = path;
        _format = header.Format;
        _dataBytes = header.DataBytes;
        _bytes = new byte[ChunkFrames * _format.BlockAlign];
    }

    /// <summary>
    /// Opens <paramref name="path"/> when it is a WAV file this reader decodes; returns null when it is not
    /// a RIFF/RF64 WAVE file or uses an encoding only FFmpeg decodes (ADPCM, µ-law, …).
    /// Throws <see cref="MediaException"/> for a damaged or truncated WAV file.
    /// </summary>
    public static WavReader? TryOpen(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(path, $"cannot open: {e.Message}", e);
        }
        try
        {
            var header = WavHeader.Read(file, path);
            if (header == null || !header.Format.IsSupported)
            {
                file.Dispose();
                return null;
            }
            long available = file.Length - file.Position;
            if (header.DataBytes is long declared && declared > available)
                throw new MediaException(path, $"truncated: header declares {declared} bytes of audio, file holds {available}");
            return new WavReader(file, path, header);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public int SampleRate => _format.SampleRate;

    /// <summary>The sample layout of the file.</summary>
    public WavFormat Format => _format;

    /// <summary>Frames (mono samples) in the data chunk, or null when the length is unknown.</summary>
    public long? TotalFrames => _dataBytes / _format.BlockAlign;

    /// <inheritdoc/>
    public int Read(Span<float> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int align = _format.BlockAlign;
        long wantBytes = (long)Math.Min(buffer.Length, ChunkFrames) * align;
        if (_dataBytes is long total)
        {
            long left = (total - _bytesRead) / align * align;
            wantBytes = Math.Min(wantBytes, left);
            if (wantBytes == 0)
            {
                _ended = true;
                return 0;
            }
        }
        var dest = _bytes.AsSpan(0, (int)wantBytes);
        int got;
        try
        {
            got = WavHeader.ReadFully(_stream, dest);
        }
        catch (IOException e)
        {
            throw new MediaException(Path, $"read error: {e.Message}", e);
        }
        _bytesRead += got;
        if (got < wantBytes)
        {
            _ended = true;
            if (_dataBytes is long declared)
                throw new MediaException(Path, $"truncated: header declares {declared} bytes of audio, file holds {_bytesRead}");
        }
        int frames = got / align;
        int bad = MonoDownmix.Convert(dest[..(frames * align)], _format, buffer[..frames]);
        if (bad >= 0) throw new MediaException(Path, $"contains NaN/Inf samples at sample {_framesRead + bad}");
        _framesRead += frames;
        if (frames == 0) _ended = true;
        return frames;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsStream) _stream.Dispose();
    }
}
