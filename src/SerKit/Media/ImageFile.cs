using OpenCvSharp;
using SerKit.Face;

namespace SerKit.Media;

/// <summary>Reads still images (PNG, JPEG, BMP, … — what OpenCV reads) as 8-bit grayscale (dlib's rule, see <see cref="DlibGray"/>).</summary>
public static class ImageFile
{
    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pbm" };

    /// <summary>True when <paramref name="path"/> has the extension of a still image format.</summary>
    public static bool IsImagePath(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Reads <paramref name="path"/> as grayscale; a <see cref="MediaException"/> names the file when it cannot be read.</summary>
    public static GrayImage ReadGray(string path)
    {
        if (!File.Exists(path)) throw new MediaException(path, "file not found");
        using var mat = Cv2.ImRead(path, ImreadModes.Color);
        if (mat.Empty()) throw new MediaException(path, "cannot be decoded as an image");
        var pixels = new byte[mat.Cols * mat.Rows];
        DlibGray.Convert(mat, pixels);
        return new GrayImage(pixels, mat.Cols, mat.Rows, mat.Cols);
    }

}
