using System.CommandLine;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Inference;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit evaluate</c>: scores a labelled manifest with a trained model and writes results.json and predictions.csv.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Trained model folder.", Required = true, HelpName = "MODEL" };
        var manifest = new Option<string>("--manifest", "-m") { Description = "Labelled manifest to evaluate on.", Required = true, HelpName = "MANIFEST" };
        var root = new Option<string?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder).", HelpName = "DIR" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for results.json and predictions.csv.", Required = true, HelpName = "DIR" };
        var features = new Option<string?>("--features") { Description = "index.csv of a 'serkit extract' output with the model's features (default: computed from the audio).", HelpName = "INDEX" };
        var protocol = new Option<string>("--protocol") { Description = "Protocol name written to results.json.", DefaultValueFactory = _ => "manifest" };
        var speakerIndependent = new Option<bool>("--speaker-independent") { Description = "Record that the test speakers are disjoint from the training speakers." };
        var fold = new Option<int?>("--fold") { Description = "Fold number written to results.json." };
        var seed = new Option<long?>("--seed") { Description = "Seed written to results.json (default: the model's training seed)." };
        var condition = new Option<string?>("--condition") { Description = "Condition written to results.json (e.g. baseline, T1+T2+T3)." };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var votes = new VoteOptions(new Option<string?>("--votes") { Description = "Individual votes (CSV id,rater,label or CREMA-D's finishedResponses.csv) for the multi-label and distribution metrics (default: the manifest's votes_<CLASS> columns, when present).", HelpName = "FILE" });
        var command = new Command("evaluate",
            "Evaluate a trained model on a labelled manifest: macro/micro P/R/F1, WA, UA, confusion (results.json with EmoBox's keys) and "
            + "per-utterance predictions (predictions.csv); for an attribute model ('serkit attributes') the CCC per attribute instead. "
            + "Utterances longer than the model's window are scored in windows.")
        { model, manifest, root, output, features, protocol, speakerIndependent, fold, seed, condition, threads };
        votes.AddTo(command);
        command.SetAction(parse => TrainingCommandOptions.Run(parse, "evaluate", o =>
        {
            var modelDir = parse.GetRequiredValue(model);
            var m = Manifest.Load(parse.GetRequiredValue(manifest), root: parse.GetValue(root));
            var dir = parse.GetRequiredValue(output);
            var info = new EvaluationInfo(parse.GetValue(protocol)!, parse.GetValue(speakerIndependent), parse.GetValue(fold),
                parse.GetValue(seed) ?? TrainingSeed(modelDir), parse.GetValue(condition), "test");
            var input = new FeatureInput { ExtractedIndex = parse.GetValue(features) is { } f ? Path.GetFullPath(f) : null, CacheBytes = 0 };
            if (Attributes.AttributeEvaluation.IsAttributeModel(modelDir))
            {
                // An attribute model (serkit attributes): CCC per attribute instead of class metrics.
                var attributes = Attributes.AttributeEvaluation.WriteResults(modelDir, m, dir, input, info, parse.GetValue(threads));
                if (attributes.Unrated > 0) Console.Error.WriteLine($"evaluate: {attributes.Unrated} utterance(s) without every attribute value were left out");
                o.WriteLine(AttributesCommand.Describe(attributes.Metrics));
                o.WriteLine($"wrote {Path.Combine(dir, ResultsFiles.ResultsFileName)} and {ResultsFiles.PredictionsFileName}"
                    + (attributes.Clusters is null ? "" : $", {Attributes.ClusterAttributeTable.MarkdownFile} and {Attributes.ClusterAttributeTable.PlotFile}"));
                return 0;
            }
            var (metrics, voteMetrics) = Evaluate(modelDir, m, dir, input, info, parse.GetValue(threads), votes.Read(parse));
            o.WriteLine($"{metrics.Num} utterances: macro-F1 {metrics.MacroF1:0.0000}, UA {metrics.UA:0.0000}, WA {metrics.WA:0.0000}, "
                        + $"macro precision {metrics.MacroPrecision:0.0000}, macro recall {metrics.MacroRecall:0.0000}");
            if (voteMetrics != null) o.WriteLine(DescribeVotes(voteMetrics));
            o.WriteLine($"wrote {Path.Combine(dir, ResultsFiles.ResultsFileName)}, {ResultsFiles.PredictionsFileName} and confusion.png");
            return 0;
        }));
        return command;
    }

    /// <summary>Scores <paramref name="manifest"/> with the model in <paramref name="modelDir"/> and writes results.json and predictions.csv into <paramref name="outputDir"/>.</summary>
    internal static (ClassificationMetrics Metrics, VoteEvaluation? Votes) Evaluate(string modelDir, Manifest manifest, string outputDir, FeatureInput input,
        EvaluationInfo info, int threads, VoteTable? votes = null)
    {
        var (metrics, voteMetrics, skipped) = ModelEvaluation.WriteResultsAndVotes(modelDir, manifest, outputDir, input, info, threads, votes);
        if (skipped > 0) Console.Error.WriteLine($"evaluate: {skipped} utterance(s) without one of the model's labels were left out of the single-label metrics");
        return (metrics, voteMetrics);
    }

    /// <summary>One line with the multi-label and distribution figures.</summary>
    internal static string DescribeVotes(VoteEvaluation v) =>
        $"against the raters' votes ({v.MultiLabel.Num} utterances): multi-label macro-F1 {v.MultiLabel.MacroF1:0.0000} (class predicted when p >= 1/K), "
        + $"mean JS divergence {v.Distribution.MeanJsDivergence:0.0000} bits, mean cross-entropy {v.Distribution.MeanCrossEntropy:0.0000} nats";

    private static long? TrainingSeed(string modelDir)
    {
        var config = Modeling.ModelConfig.Read(Path.Combine(modelDir, Modeling.ModelDirectory.ConfigFile));
        return config.Training?["options"]?["seed"]?.GetValue<long>();
    }
}
