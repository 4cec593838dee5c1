using System.Text.Json.Nodes;
using SerKit.Audio;
using SerKit.Modeling;
using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// Pre-training on the pretext tasks (DESIGN.md section 3): one head per selected task (T1 and T2:
/// <c>low</c>, <c>high</c>; T3: the label set's classes), the sum of the masked per-task cross-entropies
/// with the given weights. Utterances of the manifest without a label for any selected task are left out.
/// </summary>
public static class Pretraining
{
    /// <summary>The classes of pretext task <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> ClassesOf(string task, IReadOnlyList<string> t3Classes) => task switch
    {
        "t1" or "t2" => ["low", "high"],
        "t3" => t3Classes,
        _ => throw new ArgumentException($"unknown pretext task '{task}' (t1, t2, t3)"),
    };

    /// <summary>Trains and writes the model folder; see <see cref="Trainer.Run"/>.</summary>
    public static TrainingOutcome Run(PretrainingRequest r, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (r.Tasks.Count == 0) throw new ArgumentException("no pretext task selected");
        if (r.Tasks.Distinct().Count() != r.Tasks.Count) throw new ArgumentException("a pretext task is listed twice");
        if (r.Weights.Count != r.Tasks.Count) throw new ArgumentException($"{r.Weights.Count} task weights for {r.Tasks.Count} tasks");
        var tasks = r.Tasks.Select((t, k) => new TaskSpec(t, ClassesOf(t, r.Labels.T3Classes), r.Weights[k])).ToArray();
        r.Options.Validate();
        TorchRuntime.Start(r.Options.Threads);

        var examples = new List<TrainingExample>();
        foreach (var u in r.Manifest.Items)
        {
            if (!r.Labels.TryGet(u.Id, out var l)) continue;
            var labels = tasks.Select(t => t.Name switch { "t1" => l.T1, "t2" => l.T2, _ => l.T3 }).ToArray();
            if (labels.Any(x => x is not null)) examples.Add(new TrainingExample(u.Id, labels));
        }
        if (examples.Count == 0)
            throw new ArgumentException($"no utterance of the manifest has a label for {string.Join(", ", r.Tasks)} in the pretext labels");

        var source = r.Features.For(r.Manifest);
        var encoder = r.Encoder with { InputDim = source.Dimension };
        var heads = tasks.Select(t => new HeadSpec(t.Name, t.Classes)).ToArray();
        var normalization = NormalizationPass.Compute(source, examples.Select(e => e.Id).ToArray(), r.Options.Threads,
            new FeaturePassProgress(progress, "pretrain"), r.Features.Settings.Kind.ToString().ToLowerInvariant(), cancellation);

        encoder = encoder.WithChunksFor(normalization.MaxFrames); // chunk-level encoder: C = ⌈Tmax / m⌉ unless given
        var model = TorchRuntime.Seeded(SeedSequence.Derive(r.Options.Seed, SeedSequence.Stream.Init), () => new SerModel(encoder, heads));
        model.InputNorm.Set(normalization);
        var config = new ModelConfig
        {
            Encoder = encoder, Heads = heads, Features = r.Features.Settings, Windows = r.Options.Windows,
            Training = new JsonObject
            {
                ["manifest"] = r.Manifest.Source,
                ["masked_per_task"] = new JsonObject(tasks.Select((t, k) =>
                    KeyValuePair.Create(t.Name, (JsonNode?)examples.Count(e => e.Labels[k] is null)))),
            },
        };
        var trainer = new Trainer(model, tasks, r.Options);
        return trainer.Run("pretrain", new TrainingSet(examples, source), null, r.OutputDirectory, config, normalization, r.Resume, progress, cancellation);
    }
}
