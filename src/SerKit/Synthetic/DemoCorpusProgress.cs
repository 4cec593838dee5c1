namespace SerKit.Synthetic;

/// <summary>Progress of <see cref="DemoCorpus.Write"/>: utterances written so far, of all.</summary>
public sealed record DemoCorpusProgress(int Done, int Total, double AudioSeconds);
