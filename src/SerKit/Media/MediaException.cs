namespace SerKit.Media;

/// <summary>A media file that cannot be read: the message names the file and the problem.</summary>
public sealed class MediaException : Exception
{
    public MediaException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
