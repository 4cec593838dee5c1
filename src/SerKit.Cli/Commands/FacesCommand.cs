using System.CommandLine;
using SerKit.Cli.Progress;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Face;
using SerKit.Runtime;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit faces</c>: face tracks for a whole corpus, parallel, resumable, shardable.</summary>
public static class FacesCommand
{
    public static Command Create()
    {
        var manifest = new Option<FileInfo>("--manifest", "-m") { Description = "Manifest of the corpus; each row's video is its 'video' column or its own path.", Required = true };
        var root = new Option<DirectoryInfo?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Output folder: <id>.csv per utterance (for serkit pretext --faces), failures.csv.", Required = true };
        var videoColumn = new Option<string>("--video-column") { Description = "Manifest column holding the video path.", DefaultValueFactory = _ => "video" };
        var every = new Option<int>("--every") { Description = "Fit every N-th video frame only.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers", "-j") { Description = "Videos processed at once (0 = one per core).", DefaultValueFactory = _ => 0 };
        var shard = new Option<string>("--shard") { Description = "Process part k of N (1-based), e.g. 3/8, for cluster array jobs (split by speaker with --neutral speaker); all shards write into the same folder and together leave the files of one run.", DefaultValueFactory = _ => "1/1" };
        var neutral = new Option<string>("--neutral")
        {
            Description = "AU neutral over each video's own frames (video) or pooled over all videos of the utterance's speaker (speaker; for corpora of short clips such as CREMA-D).",
            DefaultValueFactory = _ => "video",
        };
        neutral.AcceptOnlyFromAmong("video", "speaker");
        var model = new Option<FileInfo>("--model") { Description = "dlib's 68-landmark model (Debian libdlib-data).", DefaultValueFactory = _ => new FileInfo(FaceModelFiles.DefaultModel) };
        var cascade = new Option<FileInfo>("--cascade") { Description = "OpenCV face cascade (Debian opencv-data).", DefaultValueFactory = _ => new FileInfo(FaceDetector.DefaultCascadePath) };
        var command = new Command("faces", "Face tracks (68 landmarks, OpenFace schema) for every video of a manifest (parallel, resumable after a kill, shardable).")
        {
            manifest, root, output, videoColumn, every, workers, shard, neutral, model, cascade,
        };
        command.SetAction(parse => CommandErrors.Run(parse, "faces", stdout =>
        {
            var corpus = Manifest.Load(parse.GetValue(manifest)!.FullName, root: parse.GetValue(root)?.FullName);
            var options = new FaceBatchOptions
            {
                OutputDirectory = parse.GetValue(output)!.FullName,
                ModelPath = parse.GetValue(model)!.FullName,
                CascadePath = parse.GetValue(cascade)!.FullName,
                VideoColumn = parse.GetValue(videoColumn)!,
                Workers = parse.GetValue(workers),
                Shard = Shard.Parse(parse.GetValue(shard)!),
                Neutral = parse.GetValue(neutral) == "speaker" ? AuNeutral.Speaker : AuNeutral.Video,
                Video = new FaceVideoOptions
                {
                    Every = parse.GetValue(every),
                },
            };
            FaceModelFiles.Check(options.ModelPath, options.CascadePath);
            var job = new FaceBatchJob(corpus, options);
            var summary = ConsoleProgress.Run("faces", progress => job.Run(new SynchronousProgress<FaceBatchProgress>(p =>
                progress.Report(new ProgressLine(p.Total == 0 ? 1 : (double)p.Finished / p.Total,
                    $"{p.Finished}/{p.Total} videos, {p.Done} tracked, {p.Skipped} already done, {p.Failed} failed, " +
                    $"{p.Frames} frames, {p.FramesPerSecond:0.0} frames/s")))));
            stdout.WriteLine($"tracked {summary.Tracked}, already done {summary.AlreadyDone}, failed {summary.Failures.Count} of {summary.Total} " +
                             $"({summary.Frames} frames in {summary.Elapsed.TotalSeconds:0.0} s); tracks: {options.OutputDirectory}");
            if (summary.Succeeded) return 0;
            var stderr = parse.InvocationConfiguration.Error;
            stderr.WriteLine($"{summary.Failures.Count} video(s) failed; their utterances get no T2/T3 label (list: {summary.FailuresPath}):");
            foreach (var f in summary.Failures.Take(20)) stderr.WriteLine("  " + f.Problem);
            if (summary.Failures.Count > 20) stderr.WriteLine($"  ... and {summary.Failures.Count - 20} more");
            return 1;
        }));
        return command;
    }
}
