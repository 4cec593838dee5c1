using SerKit.IO;

namespace SerKit.Labels;

/// <summary>A co-occurrence or penalty file that cannot be used; the message names the file, the key and the problem.</summary>
public sealed class LabelFileException : InputFileException
{
    public LabelFileException(string path, string? location, string problem, Exception? inner = null)
        : base(path, location, problem, inner)
    {
    }
}
