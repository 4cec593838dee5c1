using System.CommandLine;
using System.Globalization;
using SerKit.Attributes;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit attributes</c>: trains an emotional-attribute regressor (arousal, valence, dominance; CCC loss, early stopping on the validation
/// mean CCC), alone or as DeepEmoCluster (<c>--clusters K</c>, optionally <c>--unlabelled MANIFEST</c>).
/// </summary>
public static class AttributesCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "Manifest of the training utterances with attribute columns.", Required = true, HelpName = "MANIFEST" };
        var valid = new Option<string>("--valid") { Description = "Manifest of the validation utterances with attribute columns (early stopping on the mean CCC).", Required = true, HelpName = "MANIFEST" };
        var test = new Option<string?>("--test") { Description = "Manifest to evaluate the kept model on; writes MODEL/test/results.json, predictions.csv (and the cluster table).", HelpName = "MANIFEST" };
        var root = new Option<string?>("--root") { Description = "The folder the manifests' paths are relative to (--train, --valid, --test and --unlabelled; default: each manifest's folder).", HelpName = "DIR" };
        var encoder = new Option<string?>("--encoder") { Description = "Pre-trained model folder (from 'serkit pretrain') whose encoder is trained further.", HelpName = "MODEL" };
        var scratch = new Option<bool>("--from-scratch") { Description = "Start from random weights." };
        var output = new Option<string>("--output", "-o") { Description = "Model folder.", Required = true, HelpName = "MODEL" };
        var attributes = new Option<string>("--attributes")
        {
            Description = "Attribute columns to regress, in output order (any scale, e.g. MSP-Podcast's 1–7; matched ignoring case).",
            DefaultValueFactory = _ => string.Join(',', EmotionalAttributes.Default),
        };
        var clusters = new Option<int>("--clusters") { Description = "DeepEmoCluster: k of the per-epoch k-means on the embeddings (0 = train the regressor alone).", DefaultValueFactory = _ => 0 };
        var unlabelled = new Option<string?>("--unlabelled") { Description = "DeepEmoCluster: manifest of extra unlabelled utterances to cluster (their labels and attribute columns are not read).", HelpName = "MANIFEST" };
        var limit = new Option<int?>("--unlabelled-limit") { Description = "DeepEmoCluster: use at most this many unlabelled utterances (chosen with the seed)." };
        var weight = new Option<double>("--cluster-weight") { Description = "DeepEmoCluster: loss = CCC loss + weight · cluster cross-entropy.", DefaultValueFactory = _ => 1.0 };
        var labelledClusters = new Option<bool>("--cluster-labelled")
        {
            Description = "DeepEmoCluster: cluster the labelled training utterances together with the unlabelled ones (default true; false needs --unlabelled).",
            DefaultValueFactory = _ => true,
        };
        var noL2 = new Option<bool>("--no-l2-normalize") { Description = "DeepEmoCluster: run k-means on the raw embeddings instead of unit-length ones." };
        var fraction = new Option<double>("--label-fraction") { Description = "Share of the rated training utterances to use (chosen with the seed).", DefaultValueFactory = _ => 1.0 };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a higher validation mean CCC (0 = never).", DefaultValueFactory = _ => 5 };
        var freeze = new Option<bool>("--freeze-encoder") { Description = "Train the attribute head only (not with --clusters)." };
        var shared = new TrainingCommandOptions(defaultEpochs: 30);
        var command = new Command("attributes",
            "Train an emotional-attribute regressor (arousal, valence, dominance) with the CCC loss, alone or as DeepEmoCluster (Lin, Sridhar & Busso): "
            + "every epoch k-means on the encoder's embeddings gives pseudo-labels for a cluster head trained jointly with the regressor. "
            + "The epoch with the best validation mean CCC is kept. See docs/deepemocluster.md.")
        { train, valid, test, root, encoder, scratch, output, attributes, clusters, unlabelled, limit, weight, labelledClusters, noL2, fraction, patience, freeze };
        shared.AddTo(command);
        command.SetAction(parse => TrainingCommandOptions.Run(parse, "attributes", o =>
        {
            var encoderDir = parse.GetValue(encoder);
            if ((encoderDir is null) == !parse.GetValue(scratch)) throw new ArgumentException("give either --encoder MODEL or --from-scratch");
            if (encoderDir != null && shared.HasEncoderSizes(parse))
                throw new ArgumentException("encoder sizes come from --encoder's config; do not give --layers/--width/--heads/--feed-forward/--dropout/--encoder-config/--encoder-kind/--chunk-* with it");
            int k = parse.GetValue(clusters);
            if (k < 0) throw new ArgumentException("--clusters must not be negative");
            bool clusterOptions = parse.GetValue(unlabelled) is not null || parse.GetValue(limit) is not null || parse.GetResult(weight) is { Implicit: false }
                || parse.GetResult(labelledClusters) is { Implicit: false } || parse.GetValue(noL2);
            if (k == 0 && clusterOptions) throw new ArgumentException("--unlabelled, --unlabelled-limit, --cluster-weight, --cluster-labelled and --no-l2-normalize are DeepEmoCluster options; give --clusters K");
            var manifestRoot = parse.GetValue(root);
            var testManifest = parse.GetValue(test) is { } t ? Manifest.Load(t, root: manifestRoot) : null;
            var request = new AttributeTrainingRequest(Manifest.Load(parse.GetRequiredValue(train), root: manifestRoot),
                Manifest.Load(parse.GetRequiredValue(valid), root: manifestRoot), parse.GetRequiredValue(output))
            {
                Attributes = EmotionalAttributes.Parse(parse.GetValue(attributes)!),
                Clustering = k == 0 ? null : new DeepEmoClusterOptions
                {
                    Clusters = k, Weight = parse.GetValue(weight), IncludeLabelled = parse.GetValue(labelledClusters), L2Normalize = !parse.GetValue(noL2),
                },
                Unlabelled = parse.GetValue(unlabelled) is { } u ? Manifest.Load(u, root: manifestRoot) : null,
                UnlabelledLimit = parse.GetValue(limit),
                LabelFraction = parse.GetValue(fraction),
                EncoderDirectory = encoderDir,
                Encoder = encoderDir is null ? shared.Encoder(parse) : new(),
                Options = shared.Training(parse) with { Patience = parse.GetValue(patience), FreezeEncoder = parse.GetValue(freeze) },
                Features = shared.Features(parse),
                Resume = shared.Resume(parse),
                Test = testManifest,
            };
            var outcome = ConsoleProgress.Run("attributes", line => AttributeTraining.Run(request, new SynchronousProgress<TrainingProgress>(p =>
                line.Report(new ProgressLine(p.Fraction, p.Status)))));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {(k == 0 ? "the attribute regressor" : $"DeepEmoCluster ({k} clusters)")} {(encoderDir is null ? "from scratch" : "from " + encoderDir)}: {outcome.EpochsRun} epochs")
                + (outcome.ResumedAfterEpoch > 0 ? $" (resumed after epoch {outcome.ResumedAfterEpoch})" : "")
                + string.Create(CultureInfo.InvariantCulture, $", kept epoch {outcome.KeptEpoch} (validation mean CCC {outcome.BestValidMeanCcc:0.0000}); model: {outcome.ModelDirectory}"));
            if (outcome.Clusters is { } table)
                o.WriteLine($"clusters of the labelled training set: {Path.Combine(outcome.ModelDirectory, ClusterAttributeTable.MarkdownFile)}\n{table.ToMarkdown()}");
            if (outcome.Test is { } m)
                o.WriteLine($"test: {Describe(m)}; {Path.Combine(outcome.TestDirectory!, ResultsFiles.ResultsFileName)}");
            return 0;
        }));
        return command;
    }

    /// <summary>One line with the CCC per attribute and their mean.</summary>
    internal static string Describe(AttributeMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"mean CCC {m.MeanCcc:0.0000} ({string.Join(", ", m.Attributes.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"{a} {m.Ccc[i]:0.0000}")))}) over {m.Num} utterances");
}
