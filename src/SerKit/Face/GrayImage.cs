using System.Globalization;
using SerKit.Media;

namespace SerKit.Face;

/// <summary>
/// An 8-bit grayscale image, row-major: pixel (x, y) is <c>Pixels[y * Stride + x]</c>. Landmark
/// fitting reads gray values only; colour frames are converted with <see cref="FromRgb24"/> /
/// <see cref="FromBgr24"/>, which use dlib's own rule (integer mean of the three channels,
/// <c>(r + g + b) / 3</c> rounded down) so SerKit sees what dlib sees for the same colour image.
/// </summary>
public sealed class GrayImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied).</summary>
    /// <exception cref="ArgumentException">sizes are not positive or the buffer is too small.</exception>
    public GrayImage(byte[] pixels, int width, int height, int stride)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size must be positive, got {width}x{height}");
        if (stride < width) throw new ArgumentException($"stride {stride} is smaller than the width {width}");
        if ((long)stride * (height - 1) + width > pixels.Length)
            throw new ArgumentException($"a {width}x{height} image with stride {stride} needs {(long)stride * (height - 1) + width} bytes, the buffer has {pixels.Length}");
        Pixels = pixels;
        Width = width;
        Height = height;
        Stride = stride;
    }

    /// <summary>The gray values, row after row, <see cref="Stride"/> bytes apart.</summary>
    public byte[] Pixels { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Bytes from the start of one row to the start of the next (at least <see cref="Width"/>).</summary>
    public int Stride { get; }

    /// <summary>Gray image of a packed 24-bit RGB image (bytes r, g, b per pixel), converted as dlib does.</summary>
    public static GrayImage FromRgb24(ReadOnlySpan<byte> rgb, int width, int height, int stride) =>
        FromPacked(rgb, width, height, stride);

    /// <summary>Gray image of a packed 24-bit BGR image (OpenCV's order), converted as dlib does.</summary>
    public static GrayImage FromBgr24(ReadOnlySpan<byte> bgr, int width, int height, int stride) =>
        FromPacked(bgr, width, height, stride); // the mean does not depend on the channel order

    private static GrayImage FromPacked(ReadOnlySpan<byte> src, int width, int height, int stride)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size must be positive, got {width}x{height}");
        if (stride < 3 * width) throw new ArgumentException($"stride {stride} is smaller than 3 × width {width}");
        if ((long)stride * (height - 1) + 3L * width > src.Length)
            throw new ArgumentException($"a {width}x{height} colour image with stride {stride} needs {(long)stride * (height - 1) + 3L * width} bytes, the buffer has {src.Length}");
        var gray = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            var row = src.Slice(y * stride, 3 * width);
            var dst = gray.AsSpan(y * width, width);
            for (int x = 0; x < width; x++)
                dst[x] = (byte)((row[3 * x] + row[3 * x + 1] + row[3 * x + 2]) / 3);
        }
        return new GrayImage(gray, width, height, width);
    }

    /// <summary>Reads a binary 8-bit PGM (P5) file, e.g. a frame written by <c>ffmpeg -pix_fmt gray -f image2 x.pgm</c>.</summary>
    /// <exception cref="MediaException">the file is missing, not a P5 PGM with maximum value 255, or truncated.</exception>
    public static GrayImage ReadPgm(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(path, $"cannot read the image: {e.Message}", e);
        }
        int at = 0;
        string Token()
        {
            while (at < bytes.Length)
            {
                if (bytes[at] == (byte)'#') { while (at < bytes.Length && bytes[at] != (byte)'\n') at++; }
                else if (char.IsWhiteSpace((char)bytes[at])) at++;
                else break;
            }
            int start = at;
            while (at < bytes.Length && !char.IsWhiteSpace((char)bytes[at]) && bytes[at] != (byte)'#') at++;
            return System.Text.Encoding.ASCII.GetString(bytes, start, at - start);
        }
        if (Token() != "P5") throw new MediaException(path, "not a binary PGM image (P5)");
        if (!int.TryParse(Token(), NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width <= 0
            || !int.TryParse(Token(), NumberStyles.None, CultureInfo.InvariantCulture, out int height) || height <= 0)
            throw new MediaException(path, "PGM header has no valid width and height");
        if (Token() != "255") throw new MediaException(path, "only 8-bit PGM images (maximum value 255) are read");
        at++; // the single white-space byte after the maximum value
        long needed = (long)width * height;
        if (bytes.Length - at < needed) throw new MediaException(path, $"PGM pixel data is truncated: {bytes.Length - at} of {needed} bytes");
        return new GrayImage(bytes.AsSpan(at, (int)needed).ToArray(), width, height, width);
    }
}
