namespace SerKit.Training;

/// <summary>What a training run produced: the model folder, epochs run, the epoch whose weights were kept, and the log.</summary>
public sealed record TrainingOutcome(string ModelDirectory, int EpochsRun, int KeptEpoch, double? BestValidMacroF1,
    int ResumedAfterEpoch, IReadOnlyList<EpochRecord> Log);
