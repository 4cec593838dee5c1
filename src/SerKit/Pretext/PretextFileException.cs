namespace SerKit.Pretext;

/// <summary>
/// A pretext file (labels, rule table, face track list) that cannot be used: the message names
/// the file, where in it the problem is (when known) and the problem.
/// </summary>
public sealed class PretextFileException : Exception
{
    /// <summary>Makes the exception; the message is "file: location: problem".</summary>
    public PretextFileException(string path, string? location, string problem, Exception? inner = null)
        : base(location is null ? $"{path}: {problem}" : $"{path}: {location}: {problem}", inner)
    {
        FilePath = path;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file (e.g. "line 3"), or null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
