using System.Buffers.Binary;

namespace SerKit.Tests.Fixtures;

/// <summary>Writes small 16-bit PCM RIFF/WAVE files of a sine tone for tests.</summary>
public static class SineWav
{
    /// <summary>Writes <paramref name="seconds"/> of a sine at <paramref name="frequency"/> Hz, amplitude 0.5, all channels equal.</summary>
    public static void Write(string path, double seconds, int sampleRate = 16000, double frequency = 440, int channels = 1)
    {
        int frames = (int)Math.Round(seconds * sampleRate);
        int blockAlign = 2 * channels;
        int dataBytes = frames * blockAlign;
        var bytes = new byte[44 + dataBytes];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], (short)blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], dataBytes);
        for (int i = 0; i < frames; i++)
        {
            var v = (short)Math.Round(0.5 * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
            for (int c = 0; c < channels; c++) BinaryPrimitives.WriteInt16LittleEndian(s[(44 + i * blockAlign + 2 * c)..], v);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes);
    }
}
