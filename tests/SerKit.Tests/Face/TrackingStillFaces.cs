using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

/// <summary>
/// The still photo of three frontal faces in npm tracking@1.1.3 (examples/assets/faces.jpg,
/// 600×346 colour JPEG), decoded to gray PGM by ffmpeg (cached), with the boxes dlib's own
/// frontal face detector finds.
/// </summary>
internal static class TrackingStillFaces
{
    private static readonly object Gate = new();

    public static List<(string Image, FaceBox Box)> Faces()
    {
        var root = FixtureCache.NpmPackage("tracking", "1.1.3");
        var jpeg = FixtureCache.RequireFile(Path.Combine(root, "package/examples/assets/faces.jpg"), "tracking.js's faces.jpg");
        var pgm = Path.Combine(RepoPaths.FixtureCache, "tracking-faces-pgm", "faces.pgm");
        lock (Gate)
        {
            if (!File.Exists(pgm))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(pgm)!);
                var partial = pgm + $".{Environment.ProcessId}.partial.pgm";
                DlibReference.ToPgm(jpeg, partial);
                File.Move(partial, pgm, overwrite: true);
            }
        }
        return DlibReference.Detect([pgm]);
    }
}
