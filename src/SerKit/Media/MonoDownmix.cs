using System.Buffers.Binary;

namespace SerKit.Media;

/// <summary>
/// Turns interleaved little-endian PCM or float frames into mono float samples: each output
/// sample is the mean of the frame's channels, integers scaled to [-1, 1).
/// </summary>
internal static class MonoDownmix
{
    /// <summary>
    /// Converts <c>mono.Length</c> whole frames of <paramref name="frames"/> (layout <paramref name="format"/>).
    /// Returns the index (within this call) of the first frame holding a NaN or infinite float sample, or -1.
    /// </summary>
    public static int Convert(ReadOnlySpan<byte> frames, WavFormat format, Span<float> mono)
    {
        int channels = format.Channels;
        int bytes = format.BytesPerSample;
        int n = mono.Length;
        if (frames.Length < n * format.BlockAlign) throw new ArgumentException("not enough bytes for the frames requested", nameof(frames));
        float inv = 1f / channels;
        int bad = -1;
        for (int f = 0; f < n; f++)
        {
            var frame = frames.Slice(f * format.BlockAlign, format.BlockAlign);
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                var s = frame.Slice(c * bytes, bytes);
                double v;
                if (format.IsFloat)
                {
                    v = bytes == 4 ? BinaryPrimitives.ReadSingleLittleEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
                    if (!double.IsFinite(v) && bad < 0) bad = f;
                }
                else
                {
                    v = bytes switch
                    {
                        1 => (s[0] - 128) * (1.0 / 128),
                        2 => BinaryPrimitives.ReadInt16LittleEndian(s) * (1.0 / 32768),
                        3 => ((s[0] | (s[1] << 8) | (s[2] << 16)) << 8 >> 8) * (1.0 / 8388608),
                        4 => BinaryPrimitives.ReadInt32LittleEndian(s) * (1.0 / 2147483648.0),
                        _ => throw new InvalidOperationException($"unsupported sample width {bytes} bytes"),
                    };
                }
                sum += v;
            }
            mono[f] = channels == 1 ? (float)sum : (float)(sum * inv);
        }
        return bad;
    }
}
