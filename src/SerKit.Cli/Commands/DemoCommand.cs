using System.CommandLine;
using System.Globalization;
using SerKit.Experiments;
using SerKit.Synthetic;

namespace SerKit.Cli.Commands;

/// <summary>
/// <c>serkit demo</c>: the method end to end on the embedded (generated) audiovisual corpus, run by the experiment runner
/// with <see cref="DemoRecipe"/>: pretext labels → pre-training → fine-tuning with few labels (baseline, T1, T2, T3,
/// T1+T2+T3 on the same folds and seeds) → evaluation → the paper-style table.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var defaults = DemoRecipe.Create();
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Experiment folder (the corpus, labels, models, runs and results.md / results.json).", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the generated corpus.", DefaultValueFactory = _ => 0 };
        var speakers = new Option<int>("--speakers") { Description = "Labelled speakers.", DefaultValueFactory = _ => defaults.Labelled.Demo.Speakers };
        var utterances = new Option<int>("--utterances") { Description = "Labelled utterances per speaker and emotion.", DefaultValueFactory = _ => defaults.Labelled.Demo.UtterancesPerEmotion };
        var unlabelledSpeakers = new Option<int>("--unlabelled-speakers") { Description = "Speakers of the unlabelled audiovisual part.", DefaultValueFactory = _ => defaults.Labelled.Demo.UnlabelledSpeakers };
        var unlabelledUtterances = new Option<int>("--unlabelled-utterances") { Description = "Unlabelled utterances per unlabelled speaker.", DefaultValueFactory = _ => defaults.Labelled.Demo.UnlabelledUtterances };
        var folds = new Option<int>("--folds") { Description = "Speaker-independent folds over the labelled speakers.", DefaultValueFactory = _ => defaults.Folds.Count };
        var seeds = new Option<string>("--seeds") { Description = "Fine-tuning seeds, comma-separated (every condition runs with each).", DefaultValueFactory = _ => string.Join(",", defaults.Seeds) };
        var labelFraction = new Option<string>("--label-fraction")
        {
            Description = "Share of the training speakers' labels used for fine-tuning; several, comma-separated, for a label-efficiency study.",
            DefaultValueFactory = _ => string.Join(",", defaults.LabelFractions.Select(f => f.ToString(CultureInfo.InvariantCulture))),
        };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Pre-training epochs.", DefaultValueFactory = _ => defaults.Pretraining.Epochs };
        var finetuneEpochs = new Option<int>("--finetune-epochs") { Description = "Fine-tuning epochs at most (early stopping on validation macro-F1).", DefaultValueFactory = _ => defaults.FineTuning.Epochs };
        var workers = new Option<int>("--workers", "-j") { Description = "Training runs at once (0 = one per core).", DefaultValueFactory = _ => 0 };
        var restart = new Option<bool>("--restart") { Description = "Discard the results of an earlier run in the folder (also with other settings) and start over." };
        var command = new Command("demo",
            "Run the method end to end on SerKit's generated audiovisual corpus: pretext labels (T1 energy, T2 facial activation, T3 AU emotion), "
            + "pre-training, fine-tuning with few labels against a baseline from scratch on the same folds and seeds, evaluation, and the "
            + "paper-style table (DIR/results.md, DIR/results.json). Same as `serkit experiment recipes/demo.yaml`. A killed run continues where it stopped.")
        {
            output, seed, speakers, utterances, unlabelledSpeakers, unlabelledUtterances, folds, seeds, labelFraction, pretrainEpochs, finetuneEpochs, workers, restart,
        };
        command.SetAction(parse => CommandErrors.Run(parse, "demo", o =>
        {
            var recipe = DemoRecipe.Create(defaults.Labelled.Demo with
            {
                Seed = parse.GetValue(seed),
                Speakers = parse.GetValue(speakers),
                UtterancesPerEmotion = parse.GetValue(utterances),
                UnlabelledSpeakers = parse.GetValue(unlabelledSpeakers),
                UnlabelledUtterances = parse.GetValue(unlabelledUtterances),
            }) with
            {
                Folds = defaults.Folds with { Count = parse.GetValue(folds) },
                Seeds = List(parse.GetValue(seeds)!, "--seeds", s => long.Parse(s, CultureInfo.InvariantCulture)),
                LabelFractions = List(parse.GetValue(labelFraction)!, "--label-fraction", s => double.Parse(s, CultureInfo.InvariantCulture)),
                Pretraining = defaults.Pretraining with { Epochs = parse.GetValue(pretrainEpochs) },
                FineTuning = defaults.FineTuning with { Epochs = parse.GetValue(finetuneEpochs) },
                Workers = parse.GetValue(workers),
            };
            return ExperimentCommand.Execute(recipe, parse.GetValue(output)!.FullName, new ExperimentRunOptions { Restart = parse.GetValue(restart) }, "demo", o);
        }));
        return command;
    }

    private static T[] List<T>(string text, string option, Func<string, T> parse)
    {
        try { return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToArray(); }
        catch (FormatException) { throw new FormatException($"{option}: cannot read '{text}' (comma-separated numbers)"); }
    }
}
