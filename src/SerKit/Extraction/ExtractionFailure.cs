namespace SerKit.Extraction;

/// <summary>An utterance that could not be extracted, with the reason naming the file.</summary>
public sealed record ExtractionFailure(string Id, string Path, string Problem);
