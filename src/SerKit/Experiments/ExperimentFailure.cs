namespace SerKit.Experiments;

/// <summary>An utterance an experiment stage could not use (it is left out of that stage and what follows; the run goes on).</summary>
/// <param name="Stage"><c>features</c>, <c>faces</c> or <c>pretext</c>.</param>
/// <param name="Corpus"><c>labelled</c> or a pre-training corpus name.</param>
/// <param name="Id">The utterance id within its corpus.</param>
/// <param name="Problem">What went wrong, naming the file.</param>
public sealed record ExperimentFailure(string Stage, string Corpus, string Id, string Problem);
