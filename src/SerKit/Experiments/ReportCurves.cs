using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>A condition's mean learning curves over the runs of the main table, and the runs whose training log is missing or unreadable.</summary>
internal sealed record ReportCurves(string Condition, TrainLogAverage? Average, IReadOnlyList<string> MissingLogs);
