using System.CommandLine;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Orofacial;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit orofacial-train</c>: trains the speech-driven jaw and mouth landmark model, single-task or with emotion and/or viseme recognition.</summary>
public static class OrofacialTrainCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "Manifest of the training utterances (audio paths; labels for --emotion).", Required = true, HelpName = "MANIFEST" };
        var valid = new Option<string?>("--valid") { Description = "Manifest of the validation utterances: early stopping on their landmark RMSE (without it every epoch runs and the last is kept).", HelpName = "MANIFEST" };
        var output = new Option<string>("--output", "-o") { Description = "Model folder: config.json, model.safetensors, normalization.json, train_log.csv, checkpoint/.", Required = true, HelpName = "MODEL" };
        var emotion = new Option<bool>("--emotion") { Description = "Add utterance-level emotion recognition (manifest labels) as a secondary task." };
        var dataOptions = new OrofacialDataCommandOptions(
            "Add frame-level viseme recognition: 'clusters' (k-means of mouth shapes) or 'alignments FILE' (CSV id,start,end,phone; see docs/orofacial.md).");
        var shared = new OrofacialCommandOptions();
        var command = new Command("orofacial-train",
            "Train a speech-driven orofacial model (Sadoughi & Busso): log-mel frames → jaw (0–16) and mouth (48–67) landmark trajectories, "
            + "T2-normalised; optionally multitask with emotion and/or viseme recognition. See docs/orofacial.md.")
        { manifest, valid, output, emotion };
        dataOptions.AddTo(command);
        shared.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, "orofacial-train", o =>
        {
            var (source, alignments) = dataOptions.Visemes(parse, VisemeSource.None);
            var data = dataOptions.Request(parse, Manifest.Load(parse.GetRequiredValue(manifest)), parse.GetValue(valid) is { } v ? Manifest.Load(v) : null, shared);
            var request = new OrofacialTrainingRequest(parse.GetRequiredValue(output))
            {
                Tasks = new OrofacialTasks
                {
                    Emotion = parse.GetValue(emotion), Visemes = source, AlignmentsFile = alignments, VisemeClusters = dataOptions.VisemeClusters(parse),
                    Weights = dataOptions.Weights(parse),
                },
                Network = shared.Network(parse),
                Options = shared.Training(parse),
                Resume = shared.Resume(parse),
            };
            var outcome = OrofacialCommandOptions.WithProgress("orofacial-train", p => OrofacialTraining.Run(data, request, p));
            var config = OrofacialConfig.Read(Path.Combine(outcome.ModelDirectory, ModelDirectory.ConfigFile));
            o.WriteLine($"trained orofacial model ({config.Variant}): {outcome.EpochsRun} epochs" +
                        (outcome.ResumedAfterEpoch > 0 ? $" (resumed after epoch {outcome.ResumedAfterEpoch})" : "") +
                        $", kept epoch {outcome.KeptEpoch}" + (outcome.BestValidRmse is double r ? $" (validation RMSE {r:0.00000})" : "") +
                        $"; model: {outcome.ModelDirectory}");
            return 0;
        }));
        return command;
    }
}
