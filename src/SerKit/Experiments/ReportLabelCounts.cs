using SerKit.Corpus;

namespace SerKit.Experiments;

/// <summary>
/// Label distributions of the labelled corpus: the labels in display order (the protocol's classes first), the
/// counts of the whole labelled manifest (null when it is missing) and of every fold's train / validation / test part.
/// </summary>
internal sealed record ReportLabelCounts(
    IReadOnlyList<string> Labels,
    IReadOnlyList<int>? Corpus,
    IReadOnlyList<int> Folds,
    IReadOnlyDictionary<(int Fold, FoldSplit Split), IReadOnlyList<int>> Parts);
