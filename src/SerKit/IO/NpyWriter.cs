using System.Buffers.Binary;
using System.Text;

namespace SerKit.IO;

/// <summary>
/// Streams a 2-D little-endian float32 array into NumPy's .npy format (version 1.0) when
/// the number of rows is not known in advance: the header is written with room to spare
/// and rewritten with the final shape on <see cref="Complete"/>. Opens with
/// <c>numpy.load</c> and <c>torch.from_numpy(numpy.load(...))</c>.
/// </summary>
public sealed class NpyWriter : IFrameSink, IDisposable
{
    /// <summary>Total header size in bytes (magic + version + length + padded dict); a multiple of 64.</summary>
    public const int HeaderSize = 128;
    private readonly Stream _stream;
    private readonly int _columns;
    private long _rows;
    private bool _completed;
    private byte[] _buffer = Array.Empty<byte>();

    public NpyWriter(Stream stream, int columns)
    {
        if (!stream.CanSeek) throw new ArgumentException("the .npy stream must be seekable", nameof(stream));
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns));
        _stream = stream;
        _columns = columns;
        _stream.Write(Header(0, columns));
    }

    public long Rows => _rows;
    public int Columns => _columns;

    /// <summary>Appends rows given row-major; the length must be a multiple of the column count.</summary>
    public void WriteRows(ReadOnlySpan<float> values)
    {
        if (_completed) throw new InvalidOperationException("writer already completed");
        if (values.Length % _columns != 0)
            throw new ArgumentException($"{values.Length} values is not a whole number of rows of {_columns}");
        int bytes = values.Length * sizeof(float);
        if (_buffer.Length < bytes) _buffer = new byte[bytes];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(i * 4, 4), values[i]);
        _stream.Write(_buffer, 0, bytes);
        _rows += values.Length / _columns;
    }

    /// <summary>Writes the final shape into the header.</summary>
    public void Complete()
    {
        if (_completed) return;
        long end = _stream.Position;
        _stream.Position = 0;
        _stream.Write(Header(_rows, _columns));
        _stream.Position = end;
        _stream.Flush();
        _completed = true;
    }

    public void Dispose() { }

    /// <summary>The .npy header for a C-ordered float32 array of shape (rows, columns).</summary>
    public static byte[] Header(long rows, int columns)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        int dictLength = HeaderSize - 10;
        if (dict.Length + 1 > dictLength) throw new InvalidOperationException("shape too large for the fixed .npy header");
        var header = new byte[HeaderSize];
        header[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY", header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)dictLength);
        var padded = dict.PadRight(dictLength - 1) + "\n";
        Encoding.ASCII.GetBytes(padded, header.AsSpan(10));
        return header;
    }

    /// <summary>Writes a whole [rows, columns] array atomically to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, float[] values, int columns) =>
        AtomicFile.Write(path, s =>
        {
            var w = new NpyWriter(s, columns);
            w.WriteRows(values);
            w.Complete();
        });
}
