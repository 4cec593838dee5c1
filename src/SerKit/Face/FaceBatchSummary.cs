using SerKit.Extraction;

namespace SerKit.Face;

/// <summary>The outcome of a <see cref="FaceBatchJob"/> run.</summary>
public sealed record FaceBatchSummary(int Total, int Tracked, int AlreadyDone, IReadOnlyList<ExtractionFailure> Failures,
                                      long Frames, TimeSpan Elapsed, string? FailuresPath)
{
    public bool Succeeded => Failures.Count == 0;
}
