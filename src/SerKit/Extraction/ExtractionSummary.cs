namespace SerKit.Extraction;

/// <summary>The outcome of a run: counts, failures and where the index was written.</summary>
public sealed record ExtractionSummary(
    int Total, int Extracted, int AlreadyDone, IReadOnlyList<ExtractionFailure> Failures,
    double AudioSeconds, TimeSpan Elapsed, string IndexPath, string? FailuresPath)
{
    public bool Succeeded => Failures.Count == 0;
}
