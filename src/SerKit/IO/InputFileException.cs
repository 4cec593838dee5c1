namespace SerKit.IO;

/// <summary>
/// A file SerKit was given that cannot be used. The message is <c>file: problem</c> or
/// <c>file: location: problem</c>, so a batch can report it as it is; each stage has its own
/// subclass (media, manifest, face track, pretext, results).
/// </summary>
public abstract class InputFileException : Exception
{
    protected InputFileException(string path, string? location, string problem, Exception? inner = null)
        : base(location is null ? $"{path}: {problem}" : $"{path}: {location}: {problem}", inner)
    {
        FilePath = path;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file (e.g. "line 3", "key confusion"), or null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
