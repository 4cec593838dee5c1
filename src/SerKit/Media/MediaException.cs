using SerKit.IO;

namespace SerKit.Media;

/// <summary>A media file that cannot be read: the message names the file and the problem.</summary>
public sealed class MediaException : InputFileException
{
    public MediaException(string path, string problem, Exception? inner = null)
        : base(path, null, problem, inner)
    {
    }

    /// <summary>The file that could not be read.</summary>
    public string Path => FilePath;
}
