namespace SerKit.Extraction;

/// <summary>A row of the extraction index: one utterance and feature kind.</summary>
public sealed record FeatureIndexRow(
    string Id, string Path, string? Speaker, string? Label, string Kind, string File, long Frames, int Dims, double DurationSeconds);
