namespace SerKit.Face;

/// <summary>
/// Reads values in dlib's serialization format (dlib/serialize.h): an integer is a control byte
/// (bit 7: negative, low 4 bits: how many little-endian magnitude bytes follow) and then those
/// bytes; a float is two such integers, a 64-bit mantissa and a 16-bit exponent, worth
/// <c>mantissa · 2^exponent</c> (exponents 32000/32001/32002 mean +∞/−∞/NaN); a
/// <c>std::vector</c> is its length and then its items; a <c>matrix</c> is its rows and columns
/// (negated in the current format) and then its items row by row. Problems become
/// <see cref="ShapePredictorException"/> naming the file and the byte offset.
/// </summary>
internal sealed class DlibSerializedReader : IDisposable
{
    private const short IsInf = 32000, IsNegInf = 32001, IsNaN = 32002;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _count, _next;
    private long _bufferStart;

    public DlibSerializedReader(string path)
    {
        Path = path;
        try
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShapePredictorException(path, null, $"cannot open the model file: {e.Message}", e);
        }
    }

    public string Path { get; }

    /// <summary>Byte offset of the next value.</summary>
    public long Offset => _bufferStart + _next;

    public void Dispose() => _stream.Dispose();

    /// <summary>True when every byte has been read.</summary>
    public bool AtEnd => _next >= _count && !Fill();

    public ShapePredictorException Error(string problem, long? offset = null) =>
        new(Path, $"byte {offset ?? Offset}", problem);

    private bool Fill()
    {
        _bufferStart += _count;
        _next = 0;
        _count = _stream.Read(_buffer, 0, _buffer.Length);
        return _count > 0;
    }

    private byte Byte()
    {
        if (_next >= _count && !Fill()) throw Error("the file ends early (truncated or not a dlib shape_predictor)");
        return _buffer[_next++];
    }

    private byte PeekByte()
    {
        if (_next >= _count && !Fill()) throw Error("the file ends early (truncated or not a dlib shape_predictor)");
        return _buffer[_next];
    }

    /// <summary>A signed integer of at most <paramref name="maxBytes"/> magnitude bytes.</summary>
    public long Signed(int maxBytes, string what)
    {
        long at = Offset;
        byte control = Byte();
        int size = control & 0x0F;
        if (size == 0 || size > maxBytes || (control & 0x70) != 0)
            throw Error($"bad integer control byte 0x{control:x2} where {what} should be (not a dlib shape_predictor file?)", at);
        ulong magnitude = 0;
        for (int i = 0; i < size; i++) magnitude |= (ulong)Byte() << (8 * i);
        long value = unchecked((long)magnitude);
        return (control & 0x80) != 0 ? -value : value;
    }

    /// <summary>An unsigned integer (dlib's <c>unsigned long</c>, 8 bytes at most).</summary>
    public ulong Unsigned(string what)
    {
        long at = Offset;
        byte control = Byte();
        int size = control & 0x8F;
        if (size == 0 || size > 8)
            throw Error($"bad integer control byte 0x{control:x2} where {what} should be (not a dlib shape_predictor file?)", at);
        ulong value = 0;
        for (int i = 0; i < size; i++) value |= (ulong)Byte() << (8 * i);
        return value;
    }

    /// <summary>A count or index that must lie in [0, <paramref name="max"/>].</summary>
    public int Count(string what, int max)
    {
        long at = Offset;
        ulong value = Unsigned(what);
        if (value > (ulong)max) throw Error($"{what} is {value}, expected at most {max}", at);
        return (int)value;
    }

    /// <summary>A float in dlib's mantissa/exponent format, converted as dlib converts to float.</summary>
    public float Float(string what)
    {
        long at = Offset;
        if ((PeekByte() & 0x70) != 0)
            throw Error($"{what} is in dlib's old text float format, which SerKit does not read; re-save the model with dlib 18.x or newer", at);
        long mantissa = Signed(8, what);
        long exponent = Signed(2, what);
        if (exponent > short.MaxValue || exponent < short.MinValue) throw Error($"{what} has exponent {exponent} out of range", at);
        return (short)exponent switch
        {
            < IsInf => MathF.ScaleB(mantissa, (int)exponent),
            IsInf => float.PositiveInfinity,
            IsNegInf => float.NegativeInfinity,
            _ => float.NaN,
        };
    }

    /// <summary>A column vector <c>matrix&lt;float,0,1&gt;</c>; its length must be <paramref name="expected"/> when that is not negative.</summary>
    public float[] FloatColumn(string what, int expected = -1)
    {
        long at = Offset;
        long rows = Signed(8, what + " rows"), cols = Signed(8, what + " columns");
        if (rows < 0 || cols < 0) { rows = -rows; cols = -cols; }
        if (cols != 1 || rows > 1 << 20 || (expected >= 0 && rows != expected))
            throw Error($"{what} is a {rows}x{cols} matrix, expected {(expected >= 0 ? expected.ToString(System.Globalization.CultureInfo.InvariantCulture) : "n")}x1", at);
        var values = new float[rows];
        for (int i = 0; i < values.Length; i++) values[i] = Float(what);
        return values;
    }
}
