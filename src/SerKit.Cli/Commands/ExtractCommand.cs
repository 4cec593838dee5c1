using SerKit.Runtime;
using System.CommandLine;
using SerKit.Audio;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Extraction;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit extract</c>: features for a whole corpus, parallel, resumable, shardable.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var manifest = new Option<FileInfo>("--manifest", "-m") { Description = "Manifest of the corpus (CSV, EmoBox JSONL, SpeechBrain CSV/JSON).", Required = true };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Output folder: <kind>/<id>.npy, index.csv, failures.csv.", Required = true };
        var kinds = new Option<string>("--kind", "-k") { Description = "Feature kinds, comma-separated: logmel, mfcc, energy, f0.", DefaultValueFactory = _ => "logmel" };
        var mels = new Option<int>("--mels") { Description = "Mel bands of the log-mel (and MFCC filterbank).", DefaultValueFactory = _ => 64 };
        var format = new Option<FeatureFileFormat>("--format") { Description = "File format: Npy or SafeTensors.", DefaultValueFactory = _ => FeatureFileFormat.Npy };
        var workers = new Option<int>("--workers", "-j") { Description = "Files processed at once (0 = one per core).", DefaultValueFactory = _ => 0 };
        var shard = new Option<string>("--shard") { Description = "Process part k of N (1-based), e.g. 3/8, for cluster array jobs; all shards write into the same folder and together leave the files of one run.", DefaultValueFactory = _ => "1/1" };
        var root = new Option<DirectoryInfo?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder)." };
        var classes = new Option<string?>("--classes") { Description = "Allowed labels, comma-separated; other labels are reported as failures." };
        var command = new Command("extract", "Extract features for every utterance of a manifest (parallel, resumable after a kill, shardable).")
        {
            manifest, root, output, kinds, mels, format, workers, shard, classes,
        };
        command.SetAction(parse =>
        {
            var corpus = Manifest.Load(parse.GetValue(manifest)!.FullName, root: parse.GetValue(root)?.FullName);
            var features = parse.GetValue(kinds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => new FeatureOptions { Kind = ParseKind(k), Mels = parse.GetValue(mels) })
                .ToList();
            var allowed = parse.GetValue(classes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            var options = new ExtractionOptions
            {
                Features = features,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Format = parse.GetValue(format),
                Workers = parse.GetValue(workers),
                Shard = Shard.Parse(parse.GetValue(shard)!),
                Classes = allowed,
            };
            var job = new FeatureExtractionJob(corpus, options);
            var summary = ConsoleProgress.Run("extract", progress => job.Run(new SynchronousProgress<ExtractionProgress>(p =>
                progress.Report(new ProgressLine(p.Total == 0 ? 1 : (double)p.Finished / p.Total,
                    $"{p.Finished}/{p.Total} files, {p.Done} extracted, {p.Skipped} already done, {p.Failed} failed, " +
                    $"{p.AudioSeconds / 3600:0.000} h audio, {p.RealTimeFactor:0.0}x real time")))));
            Console.WriteLine($"extracted {summary.Extracted}, already done {summary.AlreadyDone}, failed {summary.Failures.Count} of {summary.Total} " +
                              $"({summary.AudioSeconds / 3600:0.000} h of audio in {summary.Elapsed.TotalSeconds:0.0} s); index: {summary.IndexPath}");
            if (summary.Succeeded) return 0;
            Console.Error.WriteLine($"{summary.Failures.Count} file(s) failed (list: {summary.FailuresPath}):");
            foreach (var f in summary.Failures.Take(20)) Console.Error.WriteLine("  " + f.Problem);
            if (summary.Failures.Count > 20) Console.Error.WriteLine($"  ... and {summary.Failures.Count - 20} more");
            return 1;
        });
        return command;
    }

    private static FeatureKind ParseKind(string text) =>
        Enum.TryParse<FeatureKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"--kind: unknown feature kind '{text}' (logmel, mfcc, energy, f0)");
}
