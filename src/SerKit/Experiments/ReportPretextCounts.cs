namespace SerKit.Experiments;

/// <summary>
/// The pretext label distribution of one label set (<c>pretext/&lt;set&gt;/pretext.csv</c>): T1 and T2 as
/// (low, high, no label), T3 per class then no label.
/// </summary>
internal sealed record ReportPretextCounts(
    string Set,
    int Utterances,
    IReadOnlyList<int> T1,
    IReadOnlyList<int> T2,
    IReadOnlyList<string> T3Classes,
    IReadOnlyList<int> T3);
