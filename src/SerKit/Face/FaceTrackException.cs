namespace SerKit.Face;

/// <summary>A face-track file that cannot be read or lacks what a caller needs: the message names the file and the problem.</summary>
public sealed class FaceTrackException : Exception
{
    public FaceTrackException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The face-track file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
