using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Modeling;
using SerKit.Training;

namespace SerKit.Attributes;

/// <summary>
/// What <see cref="AttributeTraining.Run"/> needs: training and validation manifests with attribute columns, the model folder, and
/// (for DeepEmoCluster) the clustering options and unlabelled utterances. Without <see cref="Clustering"/> the attribute regressor is
/// trained alone; with it and no <see cref="Unlabelled"/> manifest, k-means runs on the labelled training utterances only.
/// </summary>
public sealed record AttributeTrainingRequest(Manifest Train, Manifest Valid, string OutputDirectory)
{
    /// <summary>Attribute columns to regress, in output order.</summary>
    public IReadOnlyList<string> Attributes { get; init; } = EmotionalAttributes.Default;

    /// <summary>DeepEmoCluster's self-supervised clustering; null trains the regressor alone.</summary>
    public DeepEmoClusterOptions? Clustering { get; init; }

    /// <summary>
    /// Extra unlabelled utterances for DeepEmoCluster's clustering (their labels and attribute columns, if any, are never read). Utterances
    /// whose id is also in the training, validation or test manifest are left out. Needs <see cref="Clustering"/>.
    /// </summary>
    public Manifest? Unlabelled { get; init; }

    /// <summary>
    /// Where the <see cref="Unlabelled"/> utterances' features come from when not from <see cref="Features"/> (e.g. one extraction per
    /// corpus, <see cref="FeatureInput.ExtractedCorpora"/>); its feature settings are replaced by those the model uses.
    /// </summary>
    public FeatureInput? UnlabelledFeatures { get; init; }

    /// <summary>Use at most this many unlabelled utterances (chosen with the seed, kept in manifest order); null = all.</summary>
    public int? UnlabelledLimit { get; init; }

    /// <summary>Share of the rated training utterances used (at least two, chosen with the seed).</summary>
    public double LabelFraction { get; init; } = 1.0;

    /// <summary>A pre-trained model folder whose encoder (everything but the heads), normalisation and feature settings are used; null trains from scratch.</summary>
    public string? EncoderDirectory { get; init; }

    /// <summary>Encoder sizes when training from scratch.</summary>
    public EncoderConfig Encoder { get; init; } = new();

    /// <summary>Optimisation settings (epochs, batch, Adam, seed, threads, patience on the validation mean CCC, windows).</summary>
    public TrainingOptions Options { get; init; } = new();

    /// <summary>Feature settings and source.</summary>
    public FeatureInput Features { get; init; } = new();

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>A manifest (with the attribute columns) to evaluate the kept model on; null = no test.</summary>
    public Manifest? Test { get; init; }

    /// <summary>Folder of the test results; null = <c>OUTPUT/test</c>.</summary>
    public string? TestDirectory { get; init; }

    /// <summary>What the test results record (protocol, fold, seed, condition); null = protocol <c>manifest</c>, the run's seed, split <c>test</c>.</summary>
    public EvaluationInfo? TestInfo { get; init; }
}
