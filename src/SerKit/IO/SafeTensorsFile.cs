using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SerKit.IO;

/// <summary>Reads tensors from a safetensors file (float32 only, which is what SerKit writes).</summary>
public static class SafeTensorsFile
{
    /// <summary>Names and shapes of the tensors in <paramref name="path"/>, with the file's metadata.</summary>
    public static (IReadOnlyDictionary<string, long[]> Shapes, IReadOnlyDictionary<string, string> Metadata) ReadHeader(string path)
    {
        using var s = File.OpenRead(path);
        var (json, _) = Header(s, path);
        var shapes = new Dictionary<string, long[]>();
        var meta = new Dictionary<string, string>();
        foreach (var p in json.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                foreach (var m in p.Value.EnumerateObject()) meta[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            shapes[p.Name] = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        }
        return (shapes, meta);
    }

    /// <summary>Reads float32 tensor <paramref name="name"/>: its shape and row-major data.</summary>
    public static NpyArray ReadTensor(string path, string name)
    {
        using var s = File.OpenRead(path);
        var (json, dataStart) = Header(s, path);
        if (!json.RootElement.TryGetProperty(name, out var t))
            throw new InvalidDataException($"{path}: no tensor named '{name}'");
        var dtype = t.GetProperty("dtype").GetString();
        if (dtype != "F32") throw new InvalidDataException($"{path}: tensor '{name}' is {dtype}, float32 (F32) expected");
        var shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var offsets = t.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (offsets[1] - offsets[0] != count * 4) throw new InvalidDataException($"{path}: tensor '{name}' offsets do not match its shape");
        s.Position = dataStart + offsets[0];
        var bytes = new byte[count * 4];
        s.ReadExactly(bytes);
        var data = new float[count];
        for (long i = 0; i < count; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(i * 4)));
        return new NpyArray(shape, data);
    }

    private static (JsonDocument Json, long DataStart) Header(Stream s, string path)
    {
        Span<byte> len = stackalloc byte[8];
        if (s.Read(len) != 8) throw new InvalidDataException($"{path}: too short for a safetensors file");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (n > 100_000_000 || (long)n > s.Length - 8) throw new InvalidDataException($"{path}: not a safetensors file (header length {n})");
        var header = new byte[n];
        s.ReadExactly(header);
        return (JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd()), 8 + (long)n);
    }
}
