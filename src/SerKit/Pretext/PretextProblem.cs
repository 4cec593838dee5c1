namespace SerKit.Pretext;

/// <summary>
/// An input that could not be used for one utterance (undecodable audio, malformed face CSV,
/// missing columns). The tasks that needed it are masked; the run goes on.
/// </summary>
/// <param name="Id">Utterance id.</param>
/// <param name="Source">What failed: <c>audio</c>, <c>face</c>, <c>t2</c> or <c>t3</c>.</param>
/// <param name="Message">The problem, naming the file.</param>
public sealed record PretextProblem(string Id, string Source, string Message);
