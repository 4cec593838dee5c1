namespace SerKit.Orofacial;

/// <summary>What an orofacial training run produced: the model folder, epochs run, the kept epoch and its validation RMSE, where a resumed run picked up, and the log.</summary>
public sealed record OrofacialTrainingOutcome(string ModelDirectory, int EpochsRun, int KeptEpoch, double? BestValidRmse, int ResumedAfterEpoch,
    IReadOnlyList<OrofacialEpoch> Log);
