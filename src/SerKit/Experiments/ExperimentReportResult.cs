namespace SerKit.Experiments;

/// <summary>
/// What <see cref="ExperimentReport.Write"/> wrote: the two report files, the PNGs, and how complete the experiment
/// is (runs expected by the protocol, found, and missing).
/// </summary>
public sealed record ExperimentReportResult(
    string MarkdownPath,
    string JsonPath,
    IReadOnlyList<ReportPlot> Plots,
    int ExpectedRuns,
    int FoundRuns,
    IReadOnlyList<ExperimentRunKey> Missing,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when every run the protocol calls for has its results.</summary>
    public bool Complete => Missing.Count == 0 && FoundAttributeRuns == ExpectedAttributeRuns;

    /// <summary>Attribute runs the protocol calls for (0 without an attribute study).</summary>
    public int ExpectedAttributeRuns { get; init; }

    /// <summary>Attribute runs with results.</summary>
    public int FoundAttributeRuns { get; init; }
}
