using SerKit.Face;

namespace SerKit.Cli.Commands;

/// <summary>Default paths of the face models (Debian packages) and the messages when they are missing.</summary>
internal static class FaceModelFiles
{
    /// <summary>Where Debian's <c>libdlib-data</c> installs the 68-landmark model.</summary>
    public const string DefaultModel = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>Throws naming the file and the apt package when the model or cascade is missing.</summary>
    public static void Check(string model, string cascade)
    {
        if (!File.Exists(model))
            throw new FaceModelException(model, "landmark model not found (apt-get install libdlib-data, or give --model)");
        if (!File.Exists(cascade))
            throw new FaceModelException(cascade, "cascade file not found (apt-get install opencv-data, or give --cascade)");
    }
}
