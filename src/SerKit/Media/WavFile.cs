using System.Buffers.Binary;
using SerKit.IO;

namespace SerKit.Media;

/// <summary>Writes mono WAV files (integer PCM or 32-bit float), atomically; measures WAV files from their header.</summary>
public static class WavFile
{
    private const int ChunkSamples = 8192;

    /// <summary>
    /// The length in seconds of a RIFF/RF64 WAVE file, from its header alone. A data chunk of
    /// unknown size, or one declared longer than the file (never finalised), is measured to
    /// the end of the file. Throws <see cref="MediaException"/> naming the file otherwise.
    /// </summary>
    public static double Duration(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var header = WavHeader.Read(stream, path) ?? throw new MediaException(path, "not a RIFF/WAVE file");
        long available = stream.Length - stream.Position;
        long bytes = header.DataBytes is long declared && declared <= available ? declared : available;
        return (double)(bytes / header.Format.BlockAlign) / header.Format.SampleRate;
    }

    /// <summary>
    /// Writes <paramref name="samples"/> as a mono WAV file at <paramref name="sampleRate"/> Hz. Integer formats
    /// scale by 2^(bits-1) and clip to the format's range; the file appears complete or not at all.
    /// Data larger than a RIFF file can hold is written as RF64.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    /// <exception cref="ArgumentException">A sample is NaN or infinite.</exception>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate, WavSampleFormat format = WavSampleFormat.Pcm16) =>
        Write(path, samples, sampleRate, format, forceRf64: false);

    /// <summary>As <see cref="Write(string, ReadOnlySpan{float}, int, WavSampleFormat)"/>; <paramref name="forceRf64"/> writes RF64 even for small data.</summary>
    internal static unsafe void Write(string path, ReadOnlySpan<float> samples, int sampleRate, WavSampleFormat format, bool forceRf64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        int bad = IndexOfNonFinite(samples);
        if (bad >= 0) throw new ArgumentException($"sample {bad} is {samples[bad]}; a WAV file holds finite samples only", nameof(samples));

        int bytes = format switch
        {
            WavSampleFormat.Pcm16 => 2,
            WavSampleFormat.Pcm24 => 3,
            WavSampleFormat.Pcm32 or WavSampleFormat.Float32 => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
        };
        long dataBytes = (long)samples.Length * bytes;
        bool rf64 = forceRf64 || dataBytes + 36 > uint.MaxValue;

        // The span cannot be captured by the lambda; pin it and hand the writer a pointer instead.
        fixed (float* p = samples)
        {
            var ptr = (IntPtr)p;
            int count = samples.Length;
            AtomicFile.Write(path, stream =>
            {
                WriteHeader(stream, format, sampleRate, bytes, dataBytes, rf64);
                var data = new ReadOnlySpan<float>((void*)ptr, count);
                WriteData(stream, data, format, bytes);
                if ((dataBytes & 1) == 1) stream.WriteByte(0);
            });
        }
    }

    private static void WriteHeader(Stream stream, WavSampleFormat format, int sampleRate, int bytes, long dataBytes, bool rf64)
    {
        Span<byte> h = stackalloc byte[rf64 ? 80 : 44];
        int o = 0;
        void Id(ReadOnlySpan<byte> id, Span<byte> h) { id.CopyTo(h[o..]); o += 4; }
        void U32(uint v, Span<byte> h) { BinaryPrimitives.WriteUInt32LittleEndian(h[o..], v); o += 4; }
        void U16(ushort v, Span<byte> h) { BinaryPrimitives.WriteUInt16LittleEndian(h[o..], v); o += 2; }
        void I64(long v, Span<byte> h) { BinaryPrimitives.WriteInt64LittleEndian(h[o..], v); o += 8; }

        long padded = dataBytes + (dataBytes & 1);
        long riffSize = h.Length - 8 + padded;
        Id(rf64 ? "RF64"u8 : "RIFF"u8, h);
        U32(rf64 ? uint.MaxValue : (uint)riffSize, h);
        Id("WAVE"u8, h);
        if (rf64)
        {
            Id("ds64"u8, h);
            U32(28, h);
            I64(riffSize, h);
            I64(dataBytes, h);
            I64(dataBytes / bytes, h);
            U32(0, h); // no table entries
        }
        Id("fmt "u8, h);
        U32(16, h);
        U16((ushort)(format == WavSampleFormat.Float32 ? WavFormat.TagIeeeFloat : WavFormat.TagPcm), h);
        U16(1, h);
        U32((uint)sampleRate, h);
        U32((uint)(sampleRate * bytes), h);
        U16((ushort)bytes, h);
        U16((ushort)(bytes * 8), h);
        Id("data"u8, h);
        U32(rf64 ? uint.MaxValue : (uint)dataBytes, h);
        stream.Write(h);
    }

    private static void WriteData(Stream stream, ReadOnlySpan<float> samples, WavSampleFormat format, int bytes)
    {
        var buffer = new byte[ChunkSamples * bytes];
        for (int start = 0; start < samples.Length; start += ChunkSamples)
        {
            var chunk = samples.Slice(start, Math.Min(ChunkSamples, samples.Length - start));
            var b = buffer.AsSpan(0, chunk.Length * bytes);
            for (int i = 0; i < chunk.Length; i++)
            {
                float x = chunk[i];
                var s = b.Slice(i * bytes, bytes);
                switch (format)
                {
                    case WavSampleFormat.Pcm16:
                        BinaryPrimitives.WriteInt16LittleEndian(s, (short)Quantize(x, 32768.0));
                        break;
                    case WavSampleFormat.Pcm24:
                    {
                        int v = (int)Quantize(x, 8388608.0);
                        s[0] = (byte)v;
                        s[1] = (byte)(v >> 8);
                        s[2] = (byte)(v >> 16);
                        break;
                    }
                    case WavSampleFormat.Pcm32:
                        BinaryPrimitives.WriteInt32LittleEndian(s, (int)Quantize(x, 2147483648.0));
                        break;
                    default:
                        BinaryPrimitives.WriteSingleLittleEndian(s, x);
                        break;
                }
            }
            stream.Write(b);
        }
    }

    /// <summary>Rounds <paramref name="x"/>·<paramref name="scale"/> to the nearest integer in [-scale, scale - 1].</summary>
    private static long Quantize(float x, double scale) =>
        (long)Math.Clamp(Math.Round(x * scale, MidpointRounding.AwayFromZero), -scale, scale - 1);

    private static int IndexOfNonFinite(ReadOnlySpan<float> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i])) return i;
        }
        return -1;
    }
}
