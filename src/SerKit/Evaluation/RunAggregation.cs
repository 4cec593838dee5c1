namespace SerKit.Evaluation;

/// <summary>How a condition's runs (folds × seeds) are summarised into mean ± std.</summary>
public enum RunAggregation
{
    /// <summary>Mean ± sample std over every run (each (fold, seed) pair counts once).</summary>
    AllRuns,

    /// <summary>
    /// The seeds of each fold are averaged first; mean ± sample std over the folds. The std then measures
    /// how much the folds (speaker sets) differ, not the seed noise within a fold.
    /// </summary>
    FoldMeans,
}
