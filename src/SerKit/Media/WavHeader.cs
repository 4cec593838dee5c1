using System.Buffers.Binary;
using System.Text;

namespace SerKit.Media;

/// <summary>
/// The parsed header of a RIFF/RF64 WAVE file up to the start of its <c>data</c> chunk.
/// Chunks other than <c>fmt </c>, <c>ds64</c> and <c>data</c> (LIST, fact, cue, …) are skipped.
/// </summary>
/// <param name="Format">The sample layout (possibly one <see cref="MonoDownmix"/> cannot decode).</param>
/// <param name="DataBytes">Declared size of the data chunk, or null when unknown (a stream written to a pipe).</param>
internal sealed record WavHeader(WavFormat Format, long? DataBytes)
{
    private const int MaxFmtChunk = 1 << 16;

    /// <summary>True when <paramref name="first12"/> opens a RIFF or RF64 WAVE file.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> first12) =>
        first12.Length >= 12 &&
        (first12[..4].SequenceEqual("RIFF"u8) || first12[..4].SequenceEqual("RF64"u8)) &&
        first12.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>
    /// Reads the header from the start of <paramref name="stream"/>, leaving it positioned at the first
    /// byte of audio. Returns null when the stream is not a RIFF/RF64 WAVE file at all.
    /// Throws <see cref="MediaException"/> for a WAVE file whose header is damaged.
    /// </summary>
    public static WavHeader? Read(Stream stream, string path)
    {
        Span<byte> head = stackalloc byte[12];
        if (ReadFully(stream, head) < 12 || !LooksLikeWav(head)) return null;
        bool rf64 = head[..4].SequenceEqual("RF64"u8);

        WavFormat? format = null;
        long? ds64Data = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            int got = ReadFully(stream, chunk);
            if (got == 0) throw new MediaException(path, format == null ? "WAV file has no fmt chunk" : "WAV file has no data chunk");
            if (got < 8) throw new MediaException(path, "WAV header is cut short (file ends inside a chunk header)");
            string id = Encoding.ASCII.GetString(chunk[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            switch (id)
            {
                case "fmt ":
                {
                    if (size < 16 || size > MaxFmtChunk) throw new MediaException(path, $"WAV fmt chunk has an impossible size of {size} bytes");
                    var body = new byte[size + (size & 1)];
                    if (ReadFully(stream, body) < size) throw new MediaException(path, "WAV header is cut short (file ends inside the fmt chunk)");
                    format = ParseFmt(body.AsSpan(0, (int)size), path);
                    break;
                }
                case "ds64":
                {
                    if (size < 24 || size > MaxFmtChunk) throw new MediaException(path, $"RF64 ds64 chunk has an impossible size of {size} bytes");
                    var body = new byte[size + (size & 1)];
                    if (ReadFully(stream, body) < size) throw new MediaException(path, "WAV header is cut short (file ends inside the ds64 chunk)");
                    ds64Data = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(8, 8));
                    break;
                }
                case "data":
                {
                    if (format == null) throw new MediaException(path, "WAV data chunk comes before any fmt chunk");
                    long? data = size;
                    if (size == uint.MaxValue)
                    {
                        // RF64 keeps the real size in ds64; a plain RIFF written to a pipe leaves it unknown.
                        data = rf64 && ds64Data is >= 0 ? ds64Data : null;
                    }
                    return new WavHeader(format, data);
                }
                default:
                    Skip(stream, size + (size & 1L), path, id);
                    break;
            }
        }
    }

    private static WavFormat ParseFmt(ReadOnlySpan<byte> b, string path)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(b);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        int rate = BinaryPrimitives.ReadInt32LittleEndian(b[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(b[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(b[14..]);
        if (tag == WavFormat.TagExtensible)
        {
            // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16): the GUID's first two bytes are the real tag.
            if (b.Length < 40) throw new MediaException(path, "WAVE_FORMAT_EXTENSIBLE fmt chunk is shorter than 40 bytes");
            tag = BinaryPrimitives.ReadUInt16LittleEndian(b[24..]);
        }
        if (tag is not (WavFormat.TagPcm or WavFormat.TagIeeeFloat))
            return new WavFormat(tag, channels, rate, bits, blockAlign); // compressed: FFmpeg's business
        if (channels == 0) throw new MediaException(path, "WAV fmt chunk declares 0 channels");
        if (rate <= 0) throw new MediaException(path, $"WAV fmt chunk declares a sample rate of {rate} Hz");
        if (blockAlign == 0 || blockAlign % channels != 0)
            throw new MediaException(path, $"WAV fmt chunk declares {blockAlign} bytes per frame for {channels} channels");
        // The container size decides the layout; bits per sample may name fewer valid bits (e.g. 20 in 24).
        bits = 8 * (blockAlign / channels);
        return new WavFormat(tag, channels, rate, bits, blockAlign);
    }

    private static void Skip(Stream stream, long bytes, string path, string id)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + bytes > stream.Length) throw new MediaException(path, $"WAV header is cut short (chunk '{id}' runs past the end of the file)");
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }
        Span<byte> scratch = stackalloc byte[4096];
        while (bytes > 0)
        {
            int n = stream.Read(scratch[..(int)Math.Min(bytes, scratch.Length)]);
            if (n == 0) throw new MediaException(path, $"WAV header is cut short (chunk '{id}' runs past the end of the stream)");
            bytes -= n;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
