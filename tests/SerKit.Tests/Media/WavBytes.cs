using System.Buffers.Binary;
using System.Text;

namespace SerKit.Tests.Media;

/// <summary>Builds WAV files byte by byte, including layouts <see cref="SerKit.Media.WavFile"/> never writes.</summary>
internal sealed class WavBytes
{
    private readonly List<(string Id, byte[] Body)> _chunks = [];

    public string RiffId { get; init; } = "RIFF";

    /// <summary>Adds a chunk (padded to an even size as RIFF requires).</summary>
    public WavBytes Chunk(string id, byte[] body)
    {
        _chunks.Add((id, body));
        return this;
    }

    /// <summary>Adds a plain 16-byte fmt chunk.</summary>
    public WavBytes Fmt(int tag, int channels, int rate, int bits)
    {
        var b = new byte[16];
        int block = channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), rate * block);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)block);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", b);
    }

    /// <summary>Adds a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with <paramref name="subFormat"/>.</summary>
    public WavBytes FmtExtensible(int subFormat, int channels, int rate, int bits, int validBits)
    {
        var b = new byte[40];
        int block = channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(b, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), rate * block);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)block);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), (1u << channels) - 1);
        // KSDATAFORMAT_SUBTYPE_xxx: {0000xxxx-0000-0010-8000-00aa00389b71}
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(24), (ushort)subFormat);
        new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 }.CopyTo(b, 26);
        return Chunk("fmt ", b);
    }

    /// <summary>The file: RIFF header then the chunks; <paramref name="declaredDataSize"/> overrides the data chunk's size field.</summary>
    public byte[] Build(uint? declaredDataSize = null)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes(RiffId));
        w.Write(0u);
        w.Write("WAVE"u8);
        foreach (var (id, body) in _chunks)
        {
            w.Write(Encoding.ASCII.GetBytes(id));
            w.Write(id == "data" && declaredDataSize is uint d ? d : (uint)body.Length);
            w.Write(body);
            if (body.Length % 2 == 1) w.Write((byte)0);
        }
        w.Flush();
        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    public static byte[] Int16(params short[] v)
    {
        var b = new byte[v.Length * 2];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), v[i]);
        return b;
    }

    public static byte[] Int24(params int[] v)
    {
        var b = new byte[v.Length * 3];
        for (int i = 0; i < v.Length; i++) { b[3 * i] = (byte)v[i]; b[3 * i + 1] = (byte)(v[i] >> 8); b[3 * i + 2] = (byte)(v[i] >> 16); }
        return b;
    }

    public static byte[] Int32(params int[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }

    public static byte[] Float32(params float[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }

    public static byte[] Float64(params double[] v)
    {
        var b = new byte[v.Length * 8];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), v[i]);
        return b;
    }
}
