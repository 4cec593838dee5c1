using SerKit.IO;

namespace SerKit.Evaluation;

/// <summary>
/// A results file (<c>results.json</c>, <c>predictions.csv</c>, <c>train_log.csv</c>) that cannot be
/// read: the message names the file, where in it (line or key) and the problem.
/// </summary>
public sealed class ResultsFileException : InputFileException
{
    public ResultsFileException(string path, string? location, string problem, Exception? inner = null)
        : base(path, location, problem, inner)
    {
    }
}
