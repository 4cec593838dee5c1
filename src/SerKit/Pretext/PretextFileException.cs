using SerKit.IO;

namespace SerKit.Pretext;

/// <summary>
/// A pretext file (labels, rule table, face track list) that cannot be used: the message names
/// the file, where in it the problem is (when known) and the problem.
/// </summary>
public sealed class PretextFileException : InputFileException
{
    /// <summary>Makes the exception; the message is "file: location: problem".</summary>
    public PretextFileException(string path, string? location, string problem, Exception? inner = null)
        : base(path, location, problem, inner)
    {
    }
}
