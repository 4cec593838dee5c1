using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SerKit.IO;

/// <summary>
/// Streams one 2-D float32 tensor into a safetensors file when the number of rows is not
/// known in advance. The JSON header is written first with a fixed, space-padded size
/// (the format allows trailing spaces) and rewritten with the final shape on
/// <see cref="Complete"/>. Opens with <c>safetensors.torch.load_file</c> / <c>safe_open</c>.
/// </summary>
public sealed class SafeTensorsWriter : IFrameSink
{
    /// <summary>Bytes reserved for the JSON header (a multiple of 8).</summary>
    public const int ReservedHeaderBytes = 1024;
    private readonly Stream _stream;
    private readonly string _name;
    private readonly int _columns;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private long _rows;
    private byte[] _buffer = Array.Empty<byte>();

    public SafeTensorsWriter(Stream stream, string tensorName, int columns, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!stream.CanSeek) throw new ArgumentException("the safetensors stream must be seekable", nameof(stream));
        _stream = stream;
        _name = tensorName;
        _columns = columns;
        _metadata = metadata ?? new Dictionary<string, string>();
        _stream.Write(Header(0));
    }

    public long Rows => _rows;

    public void WriteRows(ReadOnlySpan<float> rows)
    {
        if (rows.Length % _columns != 0)
            throw new ArgumentException($"{rows.Length} values is not a whole number of rows of {_columns}");
        int bytes = rows.Length * 4;
        if (_buffer.Length < bytes) _buffer = new byte[bytes];
        for (int i = 0; i < rows.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(i * 4), rows[i]);
        _stream.Write(_buffer, 0, bytes);
        _rows += rows.Length / _columns;
    }

    /// <summary>Rewrites the header with the final shape.</summary>
    public void Complete()
    {
        long end = _stream.Position;
        _stream.Position = 0;
        _stream.Write(Header(_rows));
        _stream.Position = end;
        _stream.Flush();
    }

    private byte[] Header(long rows)
    {
        var header = new Dictionary<string, object>
        {
            ["__metadata__"] = _metadata,
            [_name] = new Dictionary<string, object>
            {
                ["dtype"] = "F32",
                ["shape"] = new[] { rows, _columns },
                ["data_offsets"] = new[] { 0L, rows * _columns * 4 },
            },
        };
        var json = JsonSerializer.Serialize(header);
        if (Encoding.UTF8.GetByteCount(json) > ReservedHeaderBytes)
            throw new InvalidOperationException("safetensors header larger than the reserved space (metadata too long)");
        var bytes = new byte[8 + ReservedHeaderBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ReservedHeaderBytes);
        var padded = json.PadRight(ReservedHeaderBytes);
        Encoding.UTF8.GetBytes(padded, bytes.AsSpan(8));
        return bytes;
    }
}
