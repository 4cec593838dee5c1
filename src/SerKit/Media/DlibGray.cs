using OpenCvSharp;

namespace SerKit.Media;

/// <summary>
/// Colour to gray as dlib converts it: the integer mean (b + g + r) / 3 rounded down (not OpenCV's
/// luminance weights), so landmarks fitted by SerKit see the same image as dlib's own tools.
/// </summary>
internal static class DlibGray
{
    /// <summary>Writes the gray values of an 8-bit 1-, 3- or 4-channel <paramref name="mat"/> into <paramref name="pixels"/> (stride = width).</summary>
    public static unsafe void Convert(Mat mat, byte[] pixels)
    {
        int w = mat.Cols, h = mat.Rows, channels = mat.Channels();
        if (mat.Depth() != MatType.CV_8U) throw new ArgumentException($"expected 8-bit pixels, got OpenCV depth {mat.Depth()}");
        if (pixels.Length < w * h) throw new ArgumentException($"{pixels.Length} bytes are too few for {w}x{h}");
        long step = mat.Step();
        byte* src = (byte*)mat.DataPointer;
        fixed (byte* dst = pixels)
        {
            for (int r = 0; r < h; r++)
            {
                byte* row = src + r * step;
                byte* output = dst + (long)r * w;
                if (channels == 1)
                {
                    Buffer.MemoryCopy(row, output, w, w);
                    continue;
                }
                for (int c = 0; c < w; c++)
                {
                    byte* p = row + c * channels;
                    output[c] = (byte)((p[0] + p[1] + p[2]) / 3);
                }
            }
        }
    }
}
