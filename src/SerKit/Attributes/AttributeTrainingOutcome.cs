namespace SerKit.Attributes;

/// <summary>
/// What an attribute training run produced: the model folder, epochs run, the kept epoch and its validation mean CCC, the epoch a
/// resumed run started after, the log, and — when a test manifest was given — the test scores and their folder; for DeepEmoCluster the
/// cluster table of the labelled training utterances under the kept model.
/// </summary>
public sealed record AttributeTrainingOutcome(string ModelDirectory, int EpochsRun, int KeptEpoch, double BestValidMeanCcc, int ResumedAfterEpoch,
    IReadOnlyList<AttributeEpochRecord> Log)
{
    /// <summary>Scores on the test manifest, when one was given.</summary>
    public AttributeMetrics? Test { get; init; }

    /// <summary>The folder of the test results, when a test manifest was given.</summary>
    public string? TestDirectory { get; init; }

    /// <summary>DeepEmoCluster only: attributes of the labelled training utterances per cluster of the kept model.</summary>
    public ClusterAttributeTable? Clusters { get; init; }
}
