namespace SerKit.Evaluation;

/// <summary>
/// A results file (<c>results.json</c>, <c>predictions.csv</c>, <c>train_log.csv</c>) that cannot be
/// read: the message names the file, where in it (line or key) and the problem.
/// </summary>
public sealed class ResultsFileException : Exception
{
    public ResultsFileException(string path, string? location, string problem, Exception? inner = null)
        : base(location is null ? $"{path}: {problem}" : $"{path}: {location}: {problem}", inner)
    {
        FilePath = path;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file, e.g. "line 12" or "key confusion"; null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
