using System.CommandLine;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Orofacial;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit orofacial-train</c>: trains the speech-driven jaw and mouth landmark model, single-task or with emotion and/or viseme recognition.</summary>
public static class OrofacialTrainCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "Manifest of the training utterances (audio paths; labels for --emotion).", Required = true, HelpName = "MANIFEST" };
        var valid = new Option<string?>("--valid") { Description = "Manifest of the validation utterances: early stopping on their landmark RMSE (without it every epoch runs and the last is kept).", HelpName = "MANIFEST" };
        var faces = new Option<string?>("--faces") { Description = "Folder of face tracks <id>.csv (OpenFace schema, e.g. from 'serkit faces'); a manifest 'face' column overrides it.", HelpName = "DIR" };
        var output = new Option<string>("--output", "-o") { Description = "Model folder: config.json, model.safetensors, normalization.json, train_log.csv, checkpoint/.", Required = true, HelpName = "MODEL" };
        var emotion = new Option<bool>("--emotion") { Description = "Add utterance-level emotion recognition (manifest labels) as a secondary task." };
        var visemes = new Option<string[]>("--visemes")
        {
            Description = "Add frame-level viseme recognition: 'clusters' (k-means of mouth shapes) or 'alignments FILE' (CSV id,start,end,phone; see docs/orofacial.md).",
            Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true, HelpName = "clusters|alignments FILE",
        };
        var clusters = new Option<int>("--viseme-clusters") { Description = "Mouth-shape clusters (k) for --visemes clusters.", DefaultValueFactory = _ => 8 };
        var emotionWeight = new Option<double>("--emotion-weight") { Description = "Weight of the emotion cross-entropy in the loss.", DefaultValueFactory = _ => 0.5 };
        var visemeWeight = new Option<double>("--viseme-weight") { Description = "Weight of the viseme cross-entropy in the loss.", DefaultValueFactory = _ => 0.5 };
        var reference = new Option<string>("--reference") { Description = "Targets relative to the speaker's mean shape (speaker) or the normalised coordinates themselves (absolute).", DefaultValueFactory = _ => "speaker" };
        reference.AcceptOnlyFromAmong("speaker", "absolute");
        var removeRoll = new Option<bool>("--remove-roll") { Description = "Also remove in-plane head rotation (eye line made horizontal) from the targets; default: T2 normalisation only." };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Face frames below this tracker confidence are not used.", DefaultValueFactory = _ => 0.8 };
        var shared = new OrofacialCommandOptions();
        var command = new Command("orofacial-train",
            "Train a speech-driven orofacial model (Sadoughi & Busso): log-mel frames → jaw (0–16) and mouth (48–67) landmark trajectories, "
            + "T2-normalised; optionally multitask with emotion and/or viseme recognition. See docs/orofacial.md.")
        { manifest, valid, faces, output, emotion, visemes, clusters, emotionWeight, visemeWeight, reference, removeRoll, minConfidence };
        shared.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, "orofacial-train", o =>
        {
            var (source, alignments) = Visemes(parse.GetValue(visemes));
            var data = new OrofacialDataRequest(Manifest.Load(parse.GetRequiredValue(manifest)))
            {
                Valid = parse.GetValue(valid) is { } v ? Manifest.Load(v) : null,
                FacesDirectory = parse.GetValue(faces),
                Features = shared.Features(parse),
                Data = new OrofacialDataOptions
                {
                    MinConfidence = parse.GetValue(minConfidence),
                    RemoveRoll = parse.GetValue(removeRoll),
                    Reference = parse.GetValue(reference) == "absolute" ? TargetReference.Absolute : TargetReference.Speaker,
                },
                Workers = shared.Workers(parse),
            };
            var request = new OrofacialTrainingRequest(parse.GetRequiredValue(output))
            {
                Tasks = new OrofacialTasks
                {
                    Emotion = parse.GetValue(emotion), Visemes = source, AlignmentsFile = alignments, VisemeClusters = parse.GetValue(clusters),
                    Weights = new OrofacialTaskWeights(parse.GetValue(emotionWeight), parse.GetValue(visemeWeight)),
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

    /// <summary>Parses <c>--visemes clusters</c> / <c>--visemes alignments FILE</c>.</summary>
    internal static (VisemeSource Source, string? Alignments) Visemes(string[]? values)
    {
        if (values is null || values.Length == 0) return (VisemeSource.None, null);
        return values[0] switch
        {
            "clusters" when values.Length == 1 => (VisemeSource.Clusters, null),
            "alignments" when values.Length == 2 => (VisemeSource.Alignments, values[1]),
            "alignments" => throw new ArgumentException("--visemes alignments needs the alignment file: --visemes alignments FILE"),
            _ => throw new ArgumentException($"--visemes takes 'clusters' or 'alignments FILE' (got '{string.Join(' ', values)}')"),
        };
    }
}
