namespace SerKit.Pretext;

/// <summary>How many utterances a binary task labelled high and low, and how many it masked.</summary>
public sealed record PretextTaskCounts(int High, int Low, int Masked);
