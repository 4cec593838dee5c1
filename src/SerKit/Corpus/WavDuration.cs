using System.Buffers.Binary;
using SerKit.Media;

namespace SerKit.Corpus;

/// <summary>
/// Reads the length of a RIFF/WAVE file from its header (fmt and data chunks) without reading
/// the samples. A data chunk whose size is 0xFFFFFFFF or runs past the end of the file (a
/// stream that was never finalised) is measured to the end of the file.
/// </summary>
internal static class WavDuration
{
    internal static double Seconds(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        Span<byte> head = stackalloc byte[12];
        if (fs.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12
            || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
            throw new MediaException(path, "not a RIFF/WAVE file");
        int sampleRate = 0, blockAlign = 0;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        long length = fs.Length;
        while (fs.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long body = fs.Position;
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || fs.ReadAtLeast(fmt, 16, throwOnEndOfStream: false) < 16)
                    throw new MediaException(path, "fmt chunk shorter than 16 bytes");
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
                if (sampleRate <= 0 || blockAlign <= 0)
                    throw new MediaException(path, $"fmt chunk has sample rate {sampleRate} and block align {blockAlign}");
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (sampleRate == 0) throw new MediaException(path, "data chunk before the fmt chunk");
                long bytes = size == uint.MaxValue || body + size > length ? length - body : size;
                return (double)(bytes / blockAlign) / sampleRate;
            }
            fs.Position = body + size + (size & 1);
        }
        throw new MediaException(path, sampleRate == 0 ? "no fmt chunk" : "no data chunk");
    }
}
