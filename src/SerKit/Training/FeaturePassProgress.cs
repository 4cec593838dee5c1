namespace SerKit.Training;

/// <summary>Turns the progress of the feature and normalisation pass into training progress lines.</summary>
internal sealed class FeaturePassProgress(IProgress<TrainingProgress>? target, string stage) : IProgress<(int Done, int Total)>
{
    public void Report((int Done, int Total) value) =>
        target?.Report(new TrainingProgress(stage, 0, 0, 0, $"features and normalisation: {value.Done}/{value.Total} utterances"));
}
