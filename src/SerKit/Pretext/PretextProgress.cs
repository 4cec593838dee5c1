namespace SerKit.Pretext;

/// <summary>A progress report of a running <see cref="PretextLabeler"/>.</summary>
/// <param name="Total">Utterances in the manifest.</param>
/// <param name="Done">Utterances measured so far.</param>
/// <param name="MissingFaces">Utterances (so far) whose face CSV does not exist.</param>
/// <param name="Problems">Inputs (so far) that could not be used.</param>
/// <param name="Elapsed">Time since the start.</param>
public sealed record PretextProgress(int Total, int Done, int MissingFaces, int Problems, TimeSpan Elapsed);
