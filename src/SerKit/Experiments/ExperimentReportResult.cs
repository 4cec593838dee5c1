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
    public bool Complete => Missing.Count == 0;
}
