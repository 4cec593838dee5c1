using SerKit.Runtime;
using System.CommandLine;
using System.Globalization;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Pretext;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit pretext</c>: T1 energy, T2 facial activation and T3 AU-emotion labels for a manifest.</summary>
public static class PretextCommand
{
    public static Command Create()
    {
        var manifest = new Option<FileInfo>("--manifest", "-m") { Description = "Manifest of the corpus (CSV, EmoBox JSONL, SpeechBrain CSV/JSON).", Required = true };
        var root = new Option<DirectoryInfo?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder)." };
        var faces = new Option<DirectoryInfo?>("--faces") { Description = "Folder of OpenFace 2.x CSVs named <id>.csv (a manifest column 'face' overrides it per utterance)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Output folder: pretext.csv, pretext.json, t1/t2/t3_distribution.png.", Required = true };
        var tasks = new Option<string>("--tasks") { Description = "Tasks, comma-separated: t1, t2, t3.", DefaultValueFactory = _ => "t1,t2,t3" };
        var t1Mode = new Option<string>("--t1-mode") { Description = "T1 statistic: mean (mean speech-frame dB) or variation (their standard deviation).", DefaultValueFactory = _ => "mean" };
        t1Mode.AcceptOnlyFromAmong("mean", "variation");
        var t1Group = new Option<string>("--t1-group") { Description = "z-normalise T1 within: speaker (falls back to recording when unknown), recording, corpus.", DefaultValueFactory = _ => "speaker" };
        t1Group.AcceptOnlyFromAmong("speaker", "recording", "corpus");
        var energy = new EnergyOptions();
        var speechDb = new Option<double>("--speech-db") { Description = "Speech frames lie within this many dB of the utterance's 95th-percentile frame level.", DefaultValueFactory = _ => energy.RelativeDb };
        var floorDb = new Option<double>("--floor-db") { Description = "Frames below this level (dBFS) are never speech.", DefaultValueFactory = _ => energy.FloorDb };
        var rules = new Option<FileInfo?>("--rules") { Description = "T3 rule table (JSON, see docs/pretext.md); default: the built-in au-rules.json." };
        var face = new FaceEvidenceOptions();
        var minConfidence = new Option<double>("--min-confidence") { Description = "Face frames are valid when success == 1 and confidence is at least this.", DefaultValueFactory = _ => face.MinConfidence };
        var minValid = new Option<double>("--min-valid-share") { Description = "T2/T3 need at least this share of valid face frames.", DefaultValueFactory = _ => face.MinValidShare };
        var minShare = new Option<double?>("--min-share") { Description = "T3: share of valid frames the winning emotion needs, else neutral (default: the rule file's, 0.1)." };
        var regions = new Option<string>("--regions") { Description = "T2 landmark regions, comma-separated: brows, eyes, mouth.", DefaultValueFactory = _ => "brows,eyes,mouth" };
        var faceColumn = new Option<string>("--face-column") { Description = "Manifest column holding a face-CSV path relative to the manifest root.", DefaultValueFactory = _ => "face" };
        var workers = new Option<int>("--workers", "-j") { Description = "Utterances processed at once (0 = one per core).", DefaultValueFactory = _ => 0 };

        var command = new Command("pretext", "Label a corpus with the pretext tasks T1 (energy), T2 (facial activation) and T3 (emotion from AU combinations).");
        foreach (var o in new Option[] { manifest, root, faces, output, tasks, t1Mode, t1Group, speechDb, floorDb, rules, minConfidence, minValid, minShare, regions, faceColumn, workers })
            command.Options.Add(o);
        command.SetAction(parse => CommandErrors.Run(parse, "pretext", stdout =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var corpus = Manifest.Load(parse.GetValue(manifest)!.FullName, root: parse.GetValue(root)?.FullName);
            var table = parse.GetValue(rules) is { } file ? AuRuleTable.Load(file.FullName) : AuRuleTable.Default;
            if (parse.GetValue(minShare) is { } share) table = table.WithMinShare(share);
            var options = new PretextOptions
            {
                Tasks = ParseTasks(parse.GetValue(tasks)!),
                Energy = energy with
                {
                    Statistic = parse.GetValue(t1Mode) == "variation" ? EnergyStatistic.Variation : EnergyStatistic.Mean,
                    Grouping = Enum.Parse<EnergyGrouping>(parse.GetValue(t1Group)!, ignoreCase: true),
                    RelativeDb = parse.GetValue(speechDb),
                    FloorDb = parse.GetValue(floorDb),
                },
                Face = face with
                {
                    MinConfidence = parse.GetValue(minConfidence),
                    MinValidShare = parse.GetValue(minValid),
                    Regions = ParseRegions(parse.GetValue(regions)!),
                },
                Rules = table,
                FacesDirectory = parse.GetValue(faces)?.FullName,
                FaceColumn = parse.GetValue(faceColumn)!,
                Workers = parse.GetValue(workers),
            };
            var labeler = new PretextLabeler(corpus, options);
            var result = ConsoleProgress.Run("pretext", progress => labeler.Run(new SynchronousProgress<PretextProgress>(p =>
                progress.Report(new ProgressLine(p.Total == 0 ? 1 : (double)p.Done / p.Total,
                    $"{p.Done}/{p.Total} utterances, {p.MissingFaces} without face CSV, {p.Problems} problems, {p.Elapsed.TotalSeconds:0.0} s")))));
            var outDir = parse.GetValue(output)!.FullName;
            var files = PretextOutput.Write(outDir, result);
            Report(stdout, result, files);
            var s = result.Summary;
            if (s.Problems.Count == 0) return 0;
            stderr.WriteLine($"serkit pretext: {s.Problems.Count} input(s) could not be used (their tasks are masked; all listed in {files[1]}):");
            foreach (var p in s.Problems.Take(20)) stderr.WriteLine($"  {p.Id} [{p.Source}]: {p.Message}");
            if (s.Problems.Count > 20) stderr.WriteLine($"  ... and {s.Problems.Count - 20} more");
            return 1;
        }));
        return command;
    }

    private static void Report(TextWriter stdout, PretextResult result, IReadOnlyList<string> files)
    {
        var s = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"{s.Utterances} utterances in {s.Elapsed.TotalSeconds:0.0} s"));
        if (s.T1 is { } t1) stdout.WriteLine(string.Create(inv, $"T1 energy ({(result.Options.Energy.Statistic == EnergyStatistic.Variation ? "variation" : "mean")}): high {t1.High}, low {t1.Low}, masked {t1.Masked}; median z {Number(s.T1Median)}"));
        if (s.T2 is { } t2) stdout.WriteLine(string.Create(inv, $"T2 facial activation: high {t2.High}, low {t2.Low}, masked {t2.Masked}; median {Number(s.T2Median)}"));
        if (s.T3Counts is { } t3)
            stdout.WriteLine($"T3 AU emotion: {string.Join(", ", result.Labels.T3Classes.Select((c, i) => $"{c} {t3[i]}"))}, masked {s.T3Masked}");
        if (s.T2 is not null || s.T3Counts is not null) stdout.WriteLine($"face CSVs missing: {s.MissingFaces.Count}");
        foreach (var f in files) stdout.WriteLine("wrote " + f);
    }

    private static string Number(double? v) =>
        v is { } d ? (Math.Abs(d) < 1e-9 ? 0 : d).ToString("G4", CultureInfo.InvariantCulture) : "none";

    private static PretextTasks ParseTasks(string text)
    {
        var tasks = PretextTasks.None;
        foreach (var t in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            tasks |= t.ToLowerInvariant() switch
            {
                "t1" => PretextTasks.T1,
                "t2" => PretextTasks.T2,
                "t3" => PretextTasks.T3,
                _ => throw new ArgumentException($"--tasks: unknown task '{t}' (t1, t2, t3)"),
            };
        }
        return tasks == PretextTasks.None ? throw new ArgumentException("--tasks: name at least one of t1, t2, t3") : tasks;
    }

    private static FaceRegions ParseRegions(string text)
    {
        var regions = FaceRegions.None;
        foreach (var r in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            regions |= r.ToLowerInvariant() switch
            {
                "brows" => FaceRegions.Brows,
                "eyes" => FaceRegions.Eyes,
                "mouth" => FaceRegions.Mouth,
                _ => throw new ArgumentException($"--regions: unknown region '{r}' (brows, eyes, mouth)"),
            };
        }
        return regions;
    }
}
