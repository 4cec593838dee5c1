using System.CommandLine;
using SerKit.Corpus;
using SerKit.Orofacial;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit orofacial-evaluate</c>: scores one or more orofacial models on a manifest with face tracks and writes the comparison table.</summary>
public static class OrofacialEvaluateCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "Trained orofacial model folder; repeat to compare variants in one table.", Required = true, HelpName = "MODEL", AllowMultipleArgumentsPerToken = false };
        var manifest = new Option<string>("--manifest", "-m") { Description = "Manifest of the test utterances.", Required = true, HelpName = "MANIFEST" };
        var faces = new Option<string?>("--faces") { Description = "Folder of face tracks <id>.csv; a manifest 'face' column overrides it.", HelpName = "DIR" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for orofacial.md, orofacial.json and each model's orofacial_results.json.", Required = true, HelpName = "DIR" };
        var alignments = new Option<string?>("--alignments") { Description = "Phone alignments (CSV id,start,end,phone) of the test utterances, for models trained on alignment visemes.", HelpName = "FILE" };
        var features = new Option<string?>("--features") { Description = "index.csv of a 'serkit extract' output with the models' features (default: computed from the audio).", HelpName = "INDEX" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers", "-j") { Description = "Threads that read face tracks.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("orofacial-evaluate",
            "Evaluate orofacial models on a test manifest: landmark RMSE (normalised), mean per-coordinate Pearson r, mouth-opening r, the mean-shape "
            + "baseline, and the secondary tasks (emotion UA/macro-F1, viseme accuracy); writes a markdown + JSON table comparing the models.")
        { models, manifest, faces, output, alignments, features, threads, workers };
        command.SetAction(parse => CommandErrors.Run(parse, "orofacial-evaluate", o =>
        {
            var dirs = parse.GetRequiredValue(models);
            var test = Manifest.Load(parse.GetRequiredValue(manifest));
            var outDir = parse.GetRequiredValue(output);
            var results = new List<OrofacialVariantResult>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dir in dirs)
            {
                var r = OrofacialEvaluation.Evaluate(dir, test, parse.GetValue(faces), parse.GetValue(features) is { } f ? Path.GetFullPath(f) : null,
                    parse.GetValue(alignments), Math.Max(1, parse.GetValue(workers)), parse.GetValue(threads));
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
                for (int k = 2; !names.Add(name); k++) name = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)))}-{k}";
                var path = dirs.Length == 1 ? Path.Combine(outDir, OrofacialEvaluation.ResultsFileName) : Path.Combine(outDir, name, OrofacialEvaluation.ResultsFileName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                OrofacialEvaluation.Write(path, r);
                results.Add(r);
                var m = r.Metrics;
                o.WriteLine($"{dir} ({r.Variant}): {m.Utterances} utterances, {m.Frames} frames: RMSE {m.Rmse:0.00000} (mean shape {m.BaselineRmse:0.00000}), "
                    + $"mean r {m.MeanCorrelation:0.000}, mouth-opening r {m.MouthOpeningCorrelation:0.000}"
                    + (m.EmotionUa is double ua ? $", emotion UA {ua:0.000}, macro-F1 {m.EmotionMacroF1:0.000}" : "")
                    + (m.VisemeAccuracy is double acc ? $", viseme accuracy {acc:0.000} (majority {m.VisemeMajorityAccuracy:0.000})" : ""));
            }
            OrofacialReport.Write(outDir, results);
            o.WriteLine($"wrote {Path.Combine(outDir, OrofacialReport.MarkdownFile)} and {OrofacialReport.JsonFile}");
            return 0;
        }));
        return command;
    }
}
