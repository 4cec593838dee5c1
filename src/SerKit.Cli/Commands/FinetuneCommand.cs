using System.CommandLine;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Inference;
using SerKit.Labels;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit finetune</c>: trains the SER head (and the encoder) on labelled data, from a pre-trained encoder or from scratch.</summary>
public static class FinetuneCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "Manifest of the labelled training utterances.", Required = true, HelpName = "MANIFEST" };
        var valid = new Option<string>("--valid") { Description = "Manifest of the validation utterances (early stopping on macro-F1).", Required = true, HelpName = "MANIFEST" };
        var test = new Option<string?>("--test") { Description = "Manifest to evaluate the kept model on; writes MODEL/test/results.json and predictions.csv.", HelpName = "MANIFEST" };
        var encoder = new Option<string?>("--encoder") { Description = "Pre-trained model folder (from 'serkit pretrain') whose encoder is fine-tuned.", HelpName = "MODEL" };
        var scratch = new Option<bool>("--from-scratch") { Description = "Start from random weights (the baseline without pre-training)." };
        var output = new Option<string>("--output", "-o") { Description = "Model folder: config.json, model.safetensors, normalization.json, train_log.csv, checkpoint/.", Required = true, HelpName = "MODEL" };
        var freeze = new Option<bool>("--freeze-encoder") { Description = "Train the SER head only; the encoder keeps its pre-trained weights." };
        var fraction = new Option<double>("--label-fraction") { Description = "Share of the labelled training utterances to use (stratified by class, chosen with the seed).", DefaultValueFactory = _ => 1.0 };
        var classes = new Option<string?>("--classes") { Description = "SER classes in output order, comma-separated (default: the training labels, sorted); other labels are left out." };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation macro-F1 (0 = never).", DefaultValueFactory = _ => 5 };
        var labelType = new Option<string>("--label-type")
        {
            Description = "Training targets: hard (the consensus label; default), multi_label (every class a rater chose, uniform weights) or "
                + "distribution (vote shares). Votes come from --votes or the manifest's votes_<CLASS> columns. Validation uses the consensus label.",
            DefaultValueFactory = _ => "hard",
        };
        labelType.AcceptOnlyFromAmong("hard", "multi_label", "distribution");
        var penalty = new Option<string?>("--penalty") { Description = "Co-occurrence penalty (cooccurrence.json from 'serkit cooccurrence'): loss = plain + α·Σ_j P[target, j]·p_j.", HelpName = "FILE" };
        var alpha = new Option<double?>("--alpha") { Description = $"Mixing weight α in [0, 1] of the penalty: (1 − α)·plain + α·penalised (default {FineTuningRequest.DefaultAlpha} with --penalty)." };
        var root = new Option<string?>("--root") { Description = "The folder the manifests' paths are relative to (--train, --valid and --test; default: each manifest's folder).", HelpName = "DIR" };
        var votes = new VoteOptions(new Option<string?>("--votes") { Description = "Individual votes (CSV id,rater,label or CREMA-D's finishedResponses.csv) for multi_label/distribution targets and the --test vote metrics.", HelpName = "FILE" });
        var shared = new TrainingCommandOptions(defaultEpochs: 30);
        var command = new Command("finetune",
            "Fine-tune for speech emotion recognition: a new SER head on a pre-trained encoder (--encoder) or on a new one (--from-scratch); "
            + "all layers are trained unless --freeze-encoder; the epoch with the best validation macro-F1 is kept. See docs/model.md.")
        { train, valid, test, root, encoder, scratch, output, freeze, fraction, classes, patience, labelType, penalty, alpha };
        votes.AddTo(command);
        shared.AddTo(command);
        command.SetAction(parse => TrainingCommandOptions.Run(parse, "finetune", o =>
        {
            var encoderDir = parse.GetValue(encoder);
            if ((encoderDir is null) == !parse.GetValue(scratch))
                throw new ArgumentException("give either --encoder MODEL or --from-scratch");
            if (encoderDir != null && shared.HasEncoderSizes(parse))
                throw new ArgumentException("encoder sizes come from --encoder's config; do not give --layers/--width/--heads/--feed-forward/--dropout/--encoder-config/--encoder-kind/--chunk-* with it");
            if (parse.GetValue(alpha) is not null && parse.GetValue(penalty) is null) throw new ArgumentException("--alpha needs --penalty FILE");
            var voteTable = votes.Read(parse);
            var manifestRoot = parse.GetValue(root);
            var request = new FineTuningRequest(Manifest.Load(parse.GetRequiredValue(train), root: manifestRoot),
                Manifest.Load(parse.GetRequiredValue(valid), root: manifestRoot), parse.GetRequiredValue(output))
            {
                EncoderDirectory = encoderDir,
                Classes = parse.GetValue(classes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                LabelFraction = parse.GetValue(fraction),
                Encoder = encoderDir is null ? shared.Encoder(parse) : new(),
                Options = shared.Training(parse) with { FreezeEncoder = parse.GetValue(freeze), Patience = parse.GetValue(patience) },
                Features = shared.Features(parse),
                Resume = shared.Resume(parse),
                LabelType = parse.GetValue(labelType) switch { "multi_label" => LabelType.MultiLabel, "distribution" => LabelType.Distribution, _ => LabelType.Hard },
                Votes = voteTable,
                PenaltyFile = parse.GetValue(penalty),
                Alpha = parse.GetValue(alpha),
            };
            var outcome = TrainingCommandOptions.WithProgress("finetune", p => FineTuning.Run(request, p));
            o.WriteLine($"fine-tuned {(encoderDir is null ? "from scratch" : "from " + encoderDir)}: {outcome.EpochsRun} epochs" +
                        (outcome.ResumedAfterEpoch > 0 ? $" (resumed after epoch {outcome.ResumedAfterEpoch})" : "") +
                        $", kept epoch {outcome.KeptEpoch} (validation macro-F1 {outcome.BestValidMacroF1:0.0000}); model: {outcome.ModelDirectory}");
            if (parse.GetValue(test) is { } testManifest)
            {
                var dir = Path.Combine(outcome.ModelDirectory, "test");
                var (metrics, voteMetrics) = EvaluateCommand.Evaluate(outcome.ModelDirectory, Manifest.Load(testManifest, root: manifestRoot), dir, request.Features,
                    new EvaluationInfo("manifest", false, null, request.Options.Seed, Split: "test"), request.Options.Threads, voteTable);
                o.WriteLine($"test: macro-F1 {metrics.MacroF1:0.0000}, UA {metrics.UA:0.0000}, WA {metrics.WA:0.0000} over {metrics.Num} utterances; {Path.Combine(dir, ResultsFiles.ResultsFileName)}");
                if (voteMetrics != null) o.WriteLine(EvaluateCommand.DescribeVotes(voteMetrics));
            }
            return 0;
        }));
        return command;
    }
}
