using System.CommandLine;
using SerKit.Corpus;
using SerKit.Pretext;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit pretrain</c>: pre-trains the encoder on pretext tasks T1–T3 with the masked multitask loss.</summary>
public static class PretrainCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "Manifest of the (unlabelled) pre-training corpus.", Required = true, HelpName = "MANIFEST" };
        var pretext = new Option<string>("--pretext") { Description = "pretext.csv written by 'serkit pretext' (pretext.json must be next to it), or its folder.", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--output", "-o") { Description = "Model folder: config.json, model.safetensors, normalization.json, train_log.csv, checkpoint/.", Required = true, HelpName = "MODEL" };
        var tasks = new Option<string>("--tasks") { Description = "Pretext tasks, any subset of t1,t2,t3.", DefaultValueFactory = _ => "t1,t2,t3" };
        var weights = new Option<string?>("--weights") { Description = "Loss weight per task, in --tasks order (default 1 each)." };
        var root = new Option<string?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder).", HelpName = "DIR" };
        var shared = new TrainingCommandOptions(defaultEpochs: 20);
        var command = new Command("pretrain",
            "Pre-train the speech encoder on the pretext tasks (T1 energy, T2 facial activation, T3 AU emotion): the weighted sum of the "
            + "per-task cross-entropies, each over the utterances that have a label for it. See docs/model.md.")
        { manifest, pretext, output, tasks, weights, root };
        shared.AddTo(command);
        command.SetAction(parse => TrainingCommandOptions.Run(parse, "pretrain", o =>
        {
            var m = Manifest.Load(parse.GetRequiredValue(manifest), root: parse.GetValue(root));
            var labels = PretextLabelSet.Read(parse.GetRequiredValue(pretext));
            var taskList = parse.GetValue(tasks)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).ToArray();
            var weightList = parse.GetValue(weights) is { } w ? TrainingCommandOptions.Numbers(w, "--weights") : taskList.Select(_ => 1.0).ToArray();
            var request = new PretrainingRequest(m, labels, parse.GetRequiredValue(output))
            {
                Tasks = taskList, Weights = weightList, Encoder = shared.Encoder(parse), Options = shared.Training(parse),
                Features = shared.Features(parse), Resume = shared.Resume(parse),
            };
            var outcome = TrainingCommandOptions.WithProgress("pretrain", p => Pretraining.Run(request, p));
            var last = outcome.Log.Count > 0 ? outcome.Log[^1] : null;
            o.WriteLine($"pre-trained on {string.Join("+", taskList)}: {outcome.EpochsRun} epochs" +
                        (outcome.ResumedAfterEpoch > 0 ? $" (resumed after epoch {outcome.ResumedAfterEpoch})" : "") +
                        (last is null ? "" : $", final train loss {last.TrainLoss:0.0000}") + $"; model: {outcome.ModelDirectory}");
            return 0;
        }));
        return command;
    }
}
