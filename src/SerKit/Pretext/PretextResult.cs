namespace SerKit.Pretext;

/// <summary>The labels of a pretext run and its summary.</summary>
/// <param name="Labels">One entry per manifest utterance, with statistics; <c>Details</c> holds options and summary.</param>
/// <param name="Summary">Counts, medians, missing faces and problems.</param>
/// <param name="Options">The options used.</param>
public sealed record PretextResult(PretextLabelSet Labels, PretextSummary Summary, PretextOptions Options);
