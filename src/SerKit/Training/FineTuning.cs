using System.Text.Json.Nodes;
using SerKit.Corpus;
using SerKit.Labels;
using SerKit.Modeling;
using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// Fine-tuning for SER: a new <c>ser</c> head on the pre-trained encoder (or on a freshly initialised
/// one), all layers trained (or the encoder frozen), early stopping on validation macro-F1 keeping the
/// best epoch's weights. With a pre-trained encoder its normalisation and feature settings are kept, so
/// the encoder sees inputs scaled as during pre-training.
/// </summary>
public static class FineTuning
{
    /// <summary>The name of the SER head.</summary>
    public const string Head = "ser";

    /// <summary>Training examples of the utterances of <paramref name="manifest"/> whose label is one of <paramref name="classes"/>.</summary>
    public static IReadOnlyList<TrainingExample> Examples(Manifest manifest, IReadOnlyList<string> classes)
    {
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return manifest.Items.Where(u => u.Label is not null && index.ContainsKey(u.Label))
            .Select(u => new TrainingExample(u.Id, [index[u.Label!]])).ToArray();
    }

    /// <summary>
    /// Training examples of <paramref name="manifest"/> for label type <paramref name="type"/>: hard = <see cref="Examples(Manifest, IReadOnlyList{string})"/>;
    /// multi-label and distribution = every utterance with at least one vote for one of <paramref name="classes"/> (from
    /// <paramref name="votes"/> or the manifest's <c>votes_&lt;CLASS&gt;</c> columns), with its target vector and its consensus label
    /// (null when the label is not one of the classes, e.g. a plurality tie: such an utterance trains but is not validated).
    /// </summary>
    public static IReadOnlyList<TrainingExample> Examples(Manifest manifest, IReadOnlyList<string> classes, LabelType type, VoteTable? votes = null)
    {
        if (type == LabelType.Hard) return Examples(manifest, classes);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var counts = ManifestVotes.Read(manifest, classes, votes);
        var examples = new List<TrainingExample>();
        foreach (var u in manifest.Items)
        {
            int? consensus = u.Label is not null && index.TryGetValue(u.Label, out var y) ? y : null;
            if (LabelTargets.Make(type, consensus, counts[u.Id], classes.Count) is not { } target) continue;
            examples.Add(new TrainingExample(u.Id, [consensus]) { Targets = [target] });
        }
        return examples;
    }

    /// <summary>The name of a label type in files and on the command line: hard, multi_label, distribution.</summary>
    public static string LabelName(LabelType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>Trains and writes the model folder; see <see cref="Trainer.Run"/>.</summary>
    public static TrainingOutcome Run(FineTuningRequest r, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        r.Options.Validate();
        TorchRuntime.Start(r.Options.Threads);
        var classes = r.Classes ?? r.Train.Labels;
        if (classes.Count < 2) throw new ArgumentException($"fine-tuning needs at least two classes (training labels: {string.Join(", ", r.Train.Labels)})");
        if (r.Alpha is { } a && r.PenaltyFile is null) throw new ArgumentException($"a mixing weight α ({a}) needs a penalty file");
        double alpha = r.PenaltyFile is null ? 0 : r.Alpha ?? FineTuningRequest.DefaultAlpha;
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"the mixing weight α must be in [0, 1] (got {alpha})");
        var penalty = r.PenaltyFile is null ? null : PenaltyMatrix.Load(r.PenaltyFile).For(classes);
        // Hard labels without a penalty train exactly as before (integer cross-entropy); everything else on target vectors.
        var objective = r.LabelType == LabelType.Hard && penalty is null ? null : new TaskObjective(r.LabelType, penalty, alpha);
        var all = Examples(r.Train, classes, r.LabelType, r.Votes);
        if (all.Count == 0) throw new ArgumentException($"the training manifest has no utterance with a {LabelName(r.LabelType)} target for {string.Join(", ", classes)}");
        var train = LabelledSubset.Choose(all, r.LabelFraction, r.Options.Seed);
        var valid = Examples(r.Valid, classes);
        if (valid.Count == 0) throw new ArgumentException($"the validation manifest has no utterance labelled {string.Join(", ", classes)}");

        var (pretrained, pretrainedConfig, normalization, features) = PretrainedEncoder.Load(r.EncoderDirectory, r.Features);
        var trainSource = features.For(r.Train);
        var validSource = features.For(r.Valid);
        if (normalization is null)
            normalization = NormalizationPass.Compute(trainSource, train.Select(e => e.Id).ToArray(), r.Options.Threads,
                new FeaturePassProgress(progress, "finetune"), features.Settings.Kind.ToString().ToLowerInvariant(), cancellation);
        // A chunk-level encoder trained from scratch gets C = ⌈Tmax / m⌉ over the training utterances unless given.
        var encoder = pretrainedConfig?.Encoder ?? (r.Encoder with { InputDim = trainSource.Dimension }).WithChunksFor(normalization.MaxFrames);
        if (encoder.InputDim != trainSource.Dimension)
            throw new ArgumentException($"the encoder expects {encoder.InputDim}-dimensional features, the data has {trainSource.Dimension}");

        var heads = new[] { new HeadSpec(Head, classes) };
        var model = TorchRuntime.Seeded(SeedSequence.Derive(r.Options.Seed, SeedSequence.Stream.Init), () => new SerModel(encoder, heads));
        if (pretrained != null)
        {
            var weights = ModelWeights.Export(pretrained);
            var copied = ModelWeights.Import(model, weights, strict: false, r.EncoderDirectory!, name => !name.StartsWith("heads.", StringComparison.Ordinal));
            int expected = model.state_dict().Keys.Count(k => !k.StartsWith("heads.", StringComparison.Ordinal));
            if (copied.Count != expected) throw new InvalidDataException($"{r.EncoderDirectory}: only {copied.Count} of {expected} encoder tensors matched");
            pretrained.Dispose();
        }
        else model.InputNorm.Set(normalization);

        var config = new ModelConfig
        {
            Encoder = encoder, Heads = heads, Features = features.Settings, Windows = r.Options.Windows,
            Training = new JsonObject
            {
                ["train_manifest"] = r.Train.Source,
                ["valid_manifest"] = r.Valid.Source,
                ["encoder_from"] = r.EncoderDirectory is null ? null : Path.GetFullPath(r.EncoderDirectory),
                ["pretext_tasks"] = pretrainedConfig?.Training?["tasks"]?.DeepClone(),
                ["label_fraction"] = r.LabelFraction,
                ["labelled_available"] = all.Count,
                ["label_type"] = LabelName(r.LabelType),
                ["penalty_file"] = r.PenaltyFile is null ? null : Path.GetFullPath(r.PenaltyFile),
                ["alpha"] = r.PenaltyFile is null ? null : alpha,
                ["votes"] = r.Votes?.Source,
            },
        };
        var trainer = new Trainer(model, [new TaskSpec(Head, classes) { Objective = objective }], r.Options);
        return trainer.Run("finetune", new TrainingSet(train, trainSource), new TrainingSet(valid, validSource), r.OutputDirectory,
            config, normalization, r.Resume, progress, cancellation);
    }
}
