using OpenCvSharp;
using SerKit.Face;

namespace SerKit.Media;

/// <summary>Reads still images (PNG, JPEG, BMP, … — what OpenCV reads) as 8-bit grayscale.</summary>
public static class ImageFile
{
    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pbm" };

    /// <summary>True when <paramref name="path"/> has the extension of a still image format.</summary>
    public static bool IsImagePath(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Reads <paramref name="path"/> as grayscale; a <see cref="MediaException"/> names the file when it cannot be read.</summary>
    public static GrayImage ReadGray(string path)
    {
        if (!File.Exists(path)) throw new MediaException(path, "file not found");
        using var mat = Cv2.ImRead(path, ImreadModes.Grayscale);
        if (mat.Empty()) throw new MediaException(path, "cannot be decoded as an image");
        return FromMat(mat);
    }

    /// <summary>Copies a single-channel 8-bit <paramref name="mat"/> into a <see cref="GrayImage"/> (stride = width).</summary>
    internal static unsafe GrayImage FromMat(Mat mat)
    {
        int w = mat.Cols, h = mat.Rows;
        var pixels = new byte[w * h];
        long step = mat.Step();
        byte* src = (byte*)mat.DataPointer;
        fixed (byte* dst = pixels)
        {
            for (int r = 0; r < h; r++) Buffer.MemoryCopy(src + r * step, dst + (long)r * w, w, w);
        }
        return new GrayImage(pixels, w, h, w);
    }
}
