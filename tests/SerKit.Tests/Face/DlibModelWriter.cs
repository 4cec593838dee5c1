namespace SerKit.Tests.Face;

/// <summary>
/// Writes values in dlib's serialization format (as dlib/serialize.h writes them), to build
/// small shape_predictor files whose output can be worked out by hand.
/// </summary>
internal sealed class DlibModelWriter
{
    private readonly MemoryStream _out = new();

    public byte[] ToArray() => _out.ToArray();

    public DlibModelWriter Int(long value)
    {
        byte sign = value < 0 ? (byte)0x80 : (byte)0;
        ulong magnitude = value < 0 ? (ulong)-value : (ulong)value;
        var bytes = new List<byte>();
        do { bytes.Add((byte)(magnitude & 0xFF)); magnitude >>= 8; } while (magnitude != 0);
        _out.WriteByte((byte)(bytes.Count | sign));
        _out.Write(bytes.ToArray());
        return this;
    }

    /// <summary>dlib's float_details: 24-bit mantissa (for a float) with trailing zero bytes shifted out, then the exponent.</summary>
    public DlibModelWriter Float(float value)
    {
        long mantissa = 0;
        int exponent;
        if (float.IsPositiveInfinity(value)) exponent = 32000;
        else if (float.IsNegativeInfinity(value)) exponent = 32001;
        else if (float.IsNaN(value)) exponent = 32002;
        else if (value == 0) exponent = 0;
        else
        {
            int e = Math.ILogB(value) + 1;                        // frexp: value = f · 2^e, 0.5 ≤ |f| < 1
            double f = value / Math.Pow(2, e);
            mantissa = (long)(f * (1L << 24));
            exponent = e - 24;
            for (int i = 0; i < 8 && (mantissa & 0xFF) == 0; i++) { mantissa >>= 8; exponent += 8; }
        }
        return Int(mantissa).Int(exponent);
    }

    public DlibModelWriter Column(params float[] values)
    {
        Int(-values.Length).Int(-1);
        foreach (var v in values) Float(v);
        return this;
    }
}
