using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Pretext;

namespace SerKit.Training;

/// <summary>What <see cref="Pretraining.Run"/> needs: the corpus, its pretext labels, the tasks and their weights, sizes and options.</summary>
public sealed record PretrainingRequest(Manifest Manifest, PretextLabelSet Labels, string OutputDirectory)
{
    /// <summary>Pretext tasks to train (any subset of <c>t1</c>, <c>t2</c>, <c>t3</c>).</summary>
    public IReadOnlyList<string> Tasks { get; init; } = ["t1", "t2", "t3"];

    /// <summary>Loss weight per task, aligned with <see cref="Tasks"/>.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [1, 1, 1];

    /// <summary>Encoder sizes (its input dimension is set from the features).</summary>
    public EncoderConfig Encoder { get; init; } = new();

    /// <summary>Optimisation settings.</summary>
    public TrainingOptions Options { get; init; } = new();

    /// <summary>Feature settings and source.</summary>
    public FeatureInput Features { get; init; } = new();

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }
}
