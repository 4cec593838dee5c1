using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace SerKit.IO;

/// <summary>A float32 array read from a .npy file: its shape and row-major data.</summary>
public sealed record NpyArray(long[] Shape, float[] Data)
{
    /// <summary>Reads only the shape from a .npy header.</summary>
    public static long[] ReadShape(string path)
    {
        using var s = File.OpenRead(path);
        var (shape, _) = ReadHeader(s, path);
        return shape;
    }

    private static (long[] Shape, string Descr) ReadHeader(Stream s, string path)
    {
        Span<byte> pre = stackalloc byte[10];
        if (s.Read(pre) != 10 || pre[0] != 0x93 || Encoding.ASCII.GetString(pre.Slice(1, 5)) != "NUMPY")
            throw new InvalidDataException($"{path}: not a .npy file");
        int major = pre[6];
        int headerLength;
        if (major == 1) headerLength = BinaryPrimitives.ReadUInt16LittleEndian(pre.Slice(8));
        else
        {
            Span<byte> more = stackalloc byte[2];
            s.ReadExactly(more);
            headerLength = (int)(BinaryPrimitives.ReadUInt16LittleEndian(pre.Slice(8)) | (uint)BinaryPrimitives.ReadUInt16LittleEndian(more) << 16);
        }
        var dictBytes = new byte[headerLength];
        s.ReadExactly(dictBytes);
        var dict = Encoding.ASCII.GetString(dictBytes);
        var descr = Regex.Match(dict, @"'descr':\s*'([^']+)'").Groups[1].Value;
        if (Regex.IsMatch(dict, @"'fortran_order':\s*True")) throw new InvalidDataException($"{path}: Fortran-ordered arrays are not supported");
        var shapeText = Regex.Match(dict, @"'shape':\s*\(([^)]*)\)").Groups[1].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        return (shape, descr);
    }

    /// <summary>Reads a little-endian float32 (or float64, converted) C-ordered .npy file.</summary>
    public static NpyArray Read(string path)
    {
        using var s = File.OpenRead(path);
        var (shape, descr) = ReadHeader(s, path);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var data = new float[count];
        switch (descr)
        {
            case "<f4":
            {
                // Straight into the result (no second buffer): float32 little-endian is the machine's layout.
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan());
                s.ReadExactly(bytes);
                if (!BitConverter.IsLittleEndian)
                    for (long i = 0; i < count; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice((int)(i * 4), 4));
                break;
            }
            case "<f8":
            {
                var bytes = new byte[count * 8];
                s.ReadExactly(bytes);
                for (long i = 0; i < count; i++) data[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)(i * 8), 8));
                break;
            }
            default:
                throw new InvalidDataException($"{path}: dtype {descr} is not supported (float32 or float64 expected)");
        }
        return new NpyArray(shape, data);
    }
}
