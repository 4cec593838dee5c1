namespace SerKit.Training;

/// <summary>A progress report of training: stage, epoch (1-based) and how far (0–1) the whole run is, a status line, and the epoch's record when it has just finished.</summary>
public sealed record TrainingProgress(string Stage, int Epoch, int Epochs, double Fraction, string Status, EpochRecord? Finished = null);
