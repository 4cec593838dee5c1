using SerKit.IO;

namespace SerKit.Face;

/// <summary>A face-track file that cannot be read or lacks what a caller needs: the message names the file and the problem.</summary>
public sealed class FaceTrackException : InputFileException
{
    public FaceTrackException(string path, string problem, Exception? inner = null)
        : base(path, null, problem, inner)
    {
    }

    /// <summary>The face-track file.</summary>
    public string Path => FilePath;
}
