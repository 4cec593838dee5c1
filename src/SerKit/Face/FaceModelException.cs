using SerKit.IO;

namespace SerKit.Face;

/// <summary>A face model or cascade file that cannot be used: the message names the file and the problem.</summary>
public sealed class FaceModelException : InputFileException
{
    public FaceModelException(string path, string problem, Exception? inner = null)
        : base(path, null, problem, inner)
    {
    }
}
