namespace SerKit.Corpus;

/// <summary>
/// A manifest (or corpus metadata file) that cannot be used: the message names the file,
/// where in it the problem is (line or utterance id) and the problem.
/// </summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string manifest, string? location, string problem, Exception? inner = null)
        : base(location is null ? $"{manifest}: {problem}" : $"{manifest}: {location}: {problem}", inner)
    {
        Manifest = manifest;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file (or a description of the in-memory source) the problem is in.</summary>
    public string Manifest { get; }

    /// <summary>Where in the file, e.g. "line 12" or "id 1001_DFA_ANG_XX"; null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
