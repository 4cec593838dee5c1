using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.IO;

namespace SerKit.Face;

/// <summary>
/// Runs <see cref="FaceVideoPipeline"/> over every utterance of a manifest (or one shard of it) and writes
/// <c>&lt;output&gt;/&lt;id&gt;.csv</c>, the OpenFace-schema track <c>serkit pretext --faces</c> reads, like
/// <see cref="FeatureExtractionJob"/> does for audio features:
/// <list type="bullet">
/// <item>Parallel over videos (one detector and pipeline per worker, one shared landmark model).</item>
/// <item>Resumable: tracks are written atomically; a rerun skips tracks that exist and removes temporaries of killed runs.</item>
/// <item>Shardable with <see cref="FaceBatchOptions.Shard"/> (the same stable hash of the id); each shard updates its own rows
/// of the shared <c>failures.csv</c>, so all N shards leave the same files as one run.</item>
/// <item>Robust: a video that cannot be decoded or shows no face is listed in <c>failures.csv</c> with the reason;
/// its utterances simply get no T2/T3 label and the batch goes on.</item>
/// </list>
/// </summary>
public sealed class FaceBatchJob
{
    private readonly Manifest _manifest;
    private readonly FaceBatchOptions _options;

    public FaceBatchJob(Manifest manifest, FaceBatchOptions options)
    {
        _manifest = manifest;
        _options = options;
    }

    /// <summary>The failure list: failures.csv (a shard updates its own rows of it, see <see cref="ShardedCsv"/>; removed when empty).</summary>
    public string FailuresPath => Path.Combine(_options.OutputDirectory, "failures.csv");

    /// <summary>Where the track of <paramref name="id"/> goes (the path <c>serkit pretext --faces</c> looks at).</summary>
    public string TrackPath(string id)
    {
        var dir = Path.GetFullPath(_options.OutputDirectory);
        var full = Path.GetFullPath(Path.Combine(dir, id + ".csv"));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"id {id}: its face track {full} would leave the output folder {dir}");
        return full;
    }

    /// <summary>The video of an utterance: its <see cref="FaceBatchOptions.VideoColumn"/> cell (relative to the manifest root) or its own path.</summary>
    public string VideoPath(Utterance u) =>
        u.Extra.TryGetValue(_options.VideoColumn, out var rel) && !string.IsNullOrWhiteSpace(rel)
            ? Path.GetFullPath(Path.Combine(_manifest.Root, rel.Trim()))
            : _manifest.FullPath(u);

    public FaceBatchSummary Run(IProgress<FaceBatchProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var outDir = _options.OutputDirectory;
        Directory.CreateDirectory(outDir);
        AtomicFile.CleanStale(outDir);
        var items = _manifest.Items.Where(u => _options.Shard.Contains(u.Id)).ToList();
        var failures = new ConcurrentBag<ExtractionFailure>();
        var predictor = ShapePredictor.Load(_options.ModelPath);
        using (FaceDetector.Load(_options.CascadePath)) { } // a missing or bad cascade fails the run at once, not every video

        int done = 0, skipped = 0;
        long frames = 0;
        FaceBatchProgress Snapshot() => new(items.Count, Volatile.Read(ref done), Volatile.Read(ref skipped), failures.Count,
            Interlocked.Read(ref frames), clock.Elapsed);
        using var timer = progress == null ? null : new Timer(_ => progress.Report(Snapshot()), null, _options.ProgressInterval, _options.ProgressInterval);

        int workers = _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;
        var detectors = new ConcurrentBag<FaceDetector>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        try
        {
            Parallel.ForEach(items, parallel,
                () =>
                {
                    var detector = FaceDetector.Load(_options.CascadePath);
                    detectors.Add(detector);
                    return new FaceVideoPipeline(detector, predictor.Fit, _options.Video);
                },
                (u, _, pipeline) =>
                {
                    string video = u.Path;
                    try
                    {
                        video = VideoPath(u);
                        var target = TrackPath(u.Id);
                        if (File.Exists(target))
                        {
                            Interlocked.Increment(ref skipped);
                            return pipeline;
                        }
                        var track = pipeline.Run(video, target, cancellation: cancellation);
                        OpenFaceCsv.Write(target, track);
                        Interlocked.Add(ref frames, pipeline.LastStats?.FramesDecoded ?? 0);
                        Interlocked.Increment(ref done);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        var message = e.Message.Contains(video, StringComparison.Ordinal) ? e.Message : $"{video}: {e.Message}";
                        failures.Add(new ExtractionFailure(u.Id, video, message));
                    }
                    return pipeline;
                },
                _ => { });
        }
        finally
        {
            foreach (var d in detectors) d.Dispose();
        }

        var failureList = failures.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var rank = _manifest.Items.Select(u => u.Id).Order(StringComparer.Ordinal).Select((id, i) => (id, i))
            .ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        ShardedCsv.Update(FailuresPath, _options.Shard, failureList, f => f.Id, id => rank.GetValueOrDefault(id, -1), keepEmpty: false);
        string? failuresPath = failureList.Count > 0 ? FailuresPath : null;
        progress?.Report(Snapshot());
        return new FaceBatchSummary(items.Count, done, skipped, failureList, Interlocked.Read(ref frames), clock.Elapsed, failuresPath);
    }
}
