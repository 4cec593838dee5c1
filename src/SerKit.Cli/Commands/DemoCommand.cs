using System.CommandLine;
using System.Globalization;
using SerKit.Cli.Progress;
using SerKit.Experiments;
using SerKit.Runtime;
using SerKit.Synthetic;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit demo</c>: the method end to end on the embedded (generated) audiovisual corpus:
/// pretext labels → pre-training → fine-tuning with few labels (baseline, T1, T2, T3,
/// T1+T2+T3 on the same folds and seeds) → evaluation → the paper-style table.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the corpus, labels, models, runs and results.md / results.json.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the generated corpus.", DefaultValueFactory = _ => 0 };
        var speakers = new Option<int>("--speakers") { Description = "Labelled speakers.", DefaultValueFactory = _ => new DemoCorpusOptions().Speakers };
        var utterances = new Option<int>("--utterances") { Description = "Labelled utterances per speaker and emotion.", DefaultValueFactory = _ => new DemoCorpusOptions().UtterancesPerEmotion };
        var unlabelledSpeakers = new Option<int>("--unlabelled-speakers") { Description = "Speakers of the unlabelled audiovisual part.", DefaultValueFactory = _ => new DemoCorpusOptions().UnlabelledSpeakers };
        var unlabelledUtterances = new Option<int>("--unlabelled-utterances") { Description = "Unlabelled utterances per unlabelled speaker.", DefaultValueFactory = _ => new DemoCorpusOptions().UnlabelledUtterances };
        var folds = new Option<int>("--folds") { Description = "Speaker-independent folds over the labelled speakers.", DefaultValueFactory = _ => new DemoOptions().Folds };
        var seeds = new Option<string>("--seeds") { Description = "Fine-tuning seeds, comma-separated (every condition runs with each).", DefaultValueFactory = _ => string.Join(",", new DemoOptions().Seeds) };
        var labelFraction = new Option<double>("--label-fraction") { Description = "Share of the training speakers' labels used for fine-tuning.", DefaultValueFactory = _ => new DemoOptions().LabelFraction };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Pre-training epochs.", DefaultValueFactory = _ => new DemoOptions().Pretraining.Epochs };
        var finetuneEpochs = new Option<int>("--finetune-epochs") { Description = "Fine-tuning epochs at most (early stopping on validation macro-F1).", DefaultValueFactory = _ => new DemoOptions().FineTuning.Epochs };
        var workers = new Option<int>("--workers", "-j") { Description = "Training runs at once (0 = one per core).", DefaultValueFactory = _ => 0 };
        var command = new Command("demo",
            "Run the method end to end on SerKit's generated audiovisual corpus: pretext labels (T1 energy, T2 facial activation, T3 AU emotion), "
            + "pre-training, fine-tuning with few labels against a baseline from scratch on the same folds and seeds, evaluation, and the "
            + "paper-style table (DIR/results.md, DIR/results.json). A killed run continues where it stopped.")
        {
            output, seed, speakers, utterances, unlabelledSpeakers, unlabelledUtterances, folds, seeds, labelFraction, pretrainEpochs, finetuneEpochs, workers,
        };
        command.SetAction(parse => CommandErrors.Run(parse, "demo", o =>
        {
            var defaults = new DemoOptions();
            var options = defaults with
            {
                Corpus = defaults.Corpus with
                {
                    Seed = parse.GetValue(seed),
                    Speakers = parse.GetValue(speakers),
                    UtterancesPerEmotion = parse.GetValue(utterances),
                    UnlabelledSpeakers = parse.GetValue(unlabelledSpeakers),
                    UnlabelledUtterances = parse.GetValue(unlabelledUtterances),
                },
                Folds = parse.GetValue(folds),
                Seeds = parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                LabelFraction = parse.GetValue(labelFraction),
                Pretraining = defaults.Pretraining with { Epochs = parse.GetValue(pretrainEpochs) },
                FineTuning = defaults.FineTuning with { Epochs = parse.GetValue(finetuneEpochs) },
                Workers = parse.GetValue(workers),
            };
            var dir = parse.GetValue(output)!.FullName;
            var experiment = new DemoExperiment(dir, options);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = ConsoleProgress.Run("demo", progress => experiment.Run(new SynchronousProgress<DemoProgress>(p =>
                progress.Report(new ProgressLine(p.Fraction, $"{p.Stage}: {p.Status}")))));
            o.WriteLine();
            o.Write(result.Markdown);
            o.WriteLine();
            o.WriteLine($"wrote {result.ResultsMarkdown} and {result.ResultsJson} in {clock.Elapsed.TotalMinutes:0.0} min");
            return 0;
        }));
        return command;
    }
}
