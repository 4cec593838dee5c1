using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SerKit.IO;

/// <summary>
/// Writes and reads a whole set of named float32 tensors as one safetensors file (what
/// <c>safetensors.torch.save_file</c> / <c>load_file</c> exchange). Tensors are stored in
/// ordinal name order, the JSON header is padded with spaces to a multiple of 8 bytes, and
/// nothing time- or machine-dependent is written, so the same tensors give the same bytes.
/// Files are written atomically.
/// </summary>
public static class SafeTensorsBundle
{
    /// <summary>Writes <paramref name="tensors"/> (name → shape and row-major data) and optional string metadata to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var key in metadata.Keys.Order(StringComparer.Ordinal)) json.WriteString(key, metadata[key]);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                var (shape, data) = tensors[name];
                long count = shape.Aggregate(1L, (a, b) => a * b);
                if (count != data.Length)
                    throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] holds {count} values but {data.Length} were given");
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + count * 4);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += count * 4;
            }
            json.WriteEndObject();
        }
        var header = buffer.ToArray();
        int padded = (header.Length + 7) / 8 * 8;
        AtomicFile.Write(path, s =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            s.Write(length);
            s.Write(header);
            for (int i = header.Length; i < padded; i++) s.WriteByte((byte)' ');
            foreach (var name in names)
            {
                var data = tensors[name].Data;
                if (BitConverter.IsLittleEndian) s.Write(MemoryMarshal.AsBytes(data.AsSpan()));
                else
                {
                    var bytes = new byte[4];
                    foreach (var v in data)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
                        s.Write(bytes);
                    }
                }
            }
        });
    }

    /// <summary>
    /// Reads every tensor of a float32 safetensors file and its metadata. Throws
    /// <see cref="InvalidDataException"/> naming the file when it is not a well-formed float32 safetensors file.
    /// </summary>
    public static (IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: too short for a safetensors file");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > 100_000_000 || (long)n > bytes.Length - 8) throw new InvalidDataException($"{path}: not a safetensors file (header length {n})");
        long dataStart = 8 + (long)n;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd()); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: safetensors header is not valid JSON ({e.Message})"); }
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (doc)
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__")
                {
                    foreach (var m in p.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                var dtype = p.Value.GetProperty("dtype").GetString();
                if (dtype != "F32") throw new InvalidDataException($"{path}: tensor '{p.Name}' is {dtype}, float32 (F32) expected");
                var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                long count = shape.Aggregate(1L, (a, b) => a * b);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != count * 4 || dataStart + offsets[1] > bytes.Length || offsets[0] < 0)
                    throw new InvalidDataException($"{path}: tensor '{p.Name}' offsets do not match its shape or the file size");
                var data = new float[count];
                var source = bytes.AsSpan((int)(dataStart + offsets[0]), (int)(count * 4));
                if (BitConverter.IsLittleEndian) source.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                else for (int i = 0; i < count; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4));
                tensors[p.Name] = (shape, data);
            }
        }
        return (tensors, metadata);
    }
}
