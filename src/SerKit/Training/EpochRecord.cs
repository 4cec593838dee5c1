namespace SerKit.Training;

/// <summary>
/// One row of <c>train_log.csv</c>: mean training loss (and per task), validation loss, macro-F1,
/// UA and WA when there is a validation set, and the epoch's wall time.
/// </summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, IReadOnlyList<double?> TaskLosses, double? ValidLoss,
    double? ValidMacroF1, double? ValidUa, double? ValidWa, double Seconds);
