using SerKit.Corpus;
using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>What <see cref="FineTuning.Run"/> needs: labelled training and validation manifests, the pre-trained encoder (or none), sizes and options.</summary>
public sealed record FineTuningRequest(Manifest Train, Manifest Valid, string OutputDirectory)
{
    /// <summary>A pre-trained model folder whose encoder (everything but the heads), normalisation and feature settings are used; null trains from scratch.</summary>
    public string? EncoderDirectory { get; init; }

    /// <summary>SER classes in output order; null = the training labels in ordinal order. Utterances with other labels are left out.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Share of the labelled training utterances used (stratified by class, at least one per class; chosen with the seed).</summary>
    public double LabelFraction { get; init; } = 1.0;

    /// <summary>Encoder sizes when training from scratch (ignored with <see cref="EncoderDirectory"/>).</summary>
    public EncoderConfig Encoder { get; init; } = new();

    /// <summary>Optimisation settings (<see cref="TrainingOptions.FreezeEncoder"/> trains the head only).</summary>
    public TrainingOptions Options { get; init; } = new();

    /// <summary>Feature settings and source (settings are taken from the encoder's model when one is given).</summary>
    public FeatureInput Features { get; init; } = new();

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }
}
