namespace SerKit.Face;

/// <summary>
/// An 8-bit grayscale image: row <c>r</c> starts at <c>Pixels[r * Stride]</c> and holds
/// <see cref="Width"/> bytes. Pixel (x, y) is column x, row y.
/// </summary>
public sealed class GrayImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); throws when the buffer is too small for the size and stride.</summary>
    public GrayImage(byte[] pixels, int width, int height, int stride)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"image size {width}x{height} is not positive");
        if (stride < width) throw new ArgumentException($"stride {stride} is smaller than the width {width}");
        if ((long)stride * (height - 1) + width > pixels.Length)
            throw new ArgumentException($"{pixels.Length} bytes are too few for a {width}x{height} image with stride {stride}");
        Pixels = pixels;
        Width = width;
        Height = height;
        Stride = stride;
    }

    /// <summary>The pixel bytes, row by row.</summary>
    public byte[] Pixels { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Bytes from the start of one row to the start of the next.</summary>
    public int Stride { get; }
}
