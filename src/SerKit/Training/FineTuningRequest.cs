using SerKit.Corpus;
using SerKit.Labels;
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

    /// <summary>
    /// The training targets: the consensus <c>label</c> (hard, the default), every class a rater chose (multi-label) or the vote
    /// shares (distribution). Multi-label and distribution targets come from <see cref="Votes"/> or, without it, from the
    /// training manifest's <c>votes_&lt;CLASS&gt;</c> columns. Validation always uses the consensus label.
    /// </summary>
    public LabelType LabelType { get; init; } = LabelType.Hard;

    /// <summary>Individual votes to make multi-label or distribution targets from (keyed by utterance id); null = the manifest's vote columns.</summary>
    public VoteTable? Votes { get; init; }

    /// <summary>A co-occurrence penalty file (<c>serkit cooccurrence</c>) with a row for every SER class; null = no penalty.</summary>
    public string? PenaltyFile { get; init; }

    /// <summary>The mixing weight α in [0, 1] of the penalty (loss = plain + α·penalty); null = <see cref="DefaultAlpha"/> with a penalty. Needs <see cref="PenaltyFile"/>.</summary>
    public double? Alpha { get; init; }

    /// <summary>α when a penalty is given without one.</summary>
    public const double DefaultAlpha = 0.5;
}
