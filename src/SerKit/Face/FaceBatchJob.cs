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
/// <item>Shardable with <see cref="FaceBatchOptions.Shard"/> (the same stable hash of the id; of the speaker when the AU neutral is pooled per speaker); each shard updates its own rows
/// of the shared <c>failures.csv</c>, so all N shards leave the same files as one run.</item>
/// <item>AU neutral per video or pooled per speaker (<see cref="FaceBatchOptions.Neutral"/>). Pooled, each video's
/// landmarks-only track is first cached in <c>&lt;output&gt;/.landmarks/&lt;id&gt;.csv</c> (atomically); when the last video of a
/// speaker is done, the AUs of all the speaker's unfinished videos are estimated against one neutral taken over all the
/// speaker's tracks (finished tracks are read back for their landmarks, never rewritten) and the cache of that speaker is
/// removed. Only one speaker's tracks per worker are in memory.</item>
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
    public string TrackPath(string id) => Inside(_options.OutputDirectory, id);

    /// <summary>The video of an utterance: its <see cref="FaceBatchOptions.VideoColumn"/> cell (relative to the manifest root) or its own path.</summary>
    public string VideoPath(Utterance u) =>
        u.Extra.TryGetValue(_options.VideoColumn, out var rel) && !string.IsNullOrWhiteSpace(rel)
            ? Path.GetFullPath(Path.Combine(_manifest.Root, rel.Trim()))
            : _manifest.FullPath(u);

    /// <summary>Where the landmarks-only track of <paramref name="id"/> is cached between the two stages of <see cref="AuNeutral.Speaker"/> mode.</summary>
    public string LandmarksPath(string id) => Inside(Path.Combine(_options.OutputDirectory, LandmarksFolder), id);

    /// <summary>The subfolder of the output folder holding landmarks-only tracks of speakers not finished yet (speaker mode).</summary>
    public const string LandmarksFolder = ".landmarks";

    /// <summary>
    /// Whether <paramref name="u"/> belongs to this run's shard: by its id, or in <see cref="AuNeutral.Speaker"/> mode by its
    /// speaker (its id when it has none).
    /// </summary>
    public bool InShard(Utterance u) => _options.Shard.Contains(_options.Neutral == AuNeutral.Speaker ? SpeakerKey(u) ?? u.Id : u.Id);

    public FaceBatchSummary Run(IProgress<FaceBatchProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (_options.Neutral == AuNeutral.Speaker && _options.Video.ActionUnits == null)
            throw new ArgumentException("the AU neutral pooled per speaker needs AUs, but FaceVideoOptions.ActionUnits is null (landmarks only); use AuNeutral.Video");
        var clock = Stopwatch.StartNew();
        var outDir = _options.OutputDirectory;
        Directory.CreateDirectory(outDir);
        AtomicFile.CleanStale(outDir);
        var items = _manifest.Items.Where(InShard).ToList();
        var state = new RunState(items.Count, clock);
        var predictor = ShapePredictor.Load(_options.ModelPath);
        using (FaceDetector.Load(_options.CascadePath)) { } // a missing or bad cascade fails the run at once, not every video

        using (var timer = progress == null ? null : new Timer(_ => progress.Report(state.Snapshot()), null, _options.ProgressInterval, _options.ProgressInterval))
        {
            if (_options.Neutral == AuNeutral.Speaker) RunPooled(items, predictor, state, cancellation);
            else RunPerVideo(items, predictor, state, cancellation);
        }

        var failureList = state.Failures.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var rank = _manifest.Items.Select(u => u.Id).Order(StringComparer.Ordinal).Select((id, i) => (id, i))
            .ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        // A shard owns the failure rows of its utterances (by speaker when the neutral is pooled per speaker).
        var byId = _manifest.Items.ToDictionary(u => u.Id, StringComparer.Ordinal);
        Func<string, bool>? isOwn = _options.Shard.Count == 1 ? null : id => byId.TryGetValue(id, out var u) ? InShard(u) : _options.Shard.Contains(id);
        ShardedCsv.Update(FailuresPath, isOwn, failureList, f => f.Id, id => rank.GetValueOrDefault(id, -1), keepEmpty: false);
        string? failuresPath = failureList.Count > 0 ? FailuresPath : null;
        progress?.Report(state.Snapshot());
        return new FaceBatchSummary(items.Count, state.Done, state.Skipped, failureList, Interlocked.Read(ref state.Frames), clock.Elapsed, failuresPath);
    }

    /// <summary>Each video on its own: pipeline with AUs (neutral over the video) → <c>&lt;id&gt;.csv</c>.</summary>
    private void RunPerVideo(List<Utterance> items, ShapePredictor predictor, RunState state, CancellationToken cancellation)
    {
        ForEachVideo(items, predictor, _options.Video, cancellation, (u, pipeline) =>
        {
            string target;
            try
            {
                target = TrackPath(u.Id);
            }
            catch (ArgumentException e)
            {
                state.Failures.Add(new ExtractionFailure(u.Id, u.Path, e.Message));
                return;
            }
            if (File.Exists(target))
            {
                Interlocked.Increment(ref state.Skipped);
                return;
            }
            if (!TryTrack(u, pipeline, state, cancellation, out var track)) return;
            if (TryWrite(u, target, track!, state)) Interlocked.Increment(ref state.Done);
        });
    }

    /// <summary>
    /// Speaker mode. Stage 1 (parallel over videos, in speaker order): landmarks-only track → <c>.landmarks/&lt;id&gt;.csv</c>.
    /// Stage 2 (by the worker that finishes a speaker's last video): one neutral over all the speaker's tracks, AUs for the
    /// speaker's unfinished videos → <c>&lt;id&gt;.csv</c>, then the speaker's cache is removed.
    /// </summary>
    private void RunPooled(List<Utterance> items, ShapePredictor predictor, RunState state, CancellationToken cancellation)
    {
        var groups = items.GroupBy(u => SpeakerKey(u) is { } s ? "s:" + s : "u:" + u.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SpeakerGroup(g.OrderBy(u => u.Id, StringComparer.Ordinal).ToArray()))
            .ToList();
        var work = new List<Utterance>();
        var groupOf = new Dictionary<string, SpeakerGroup>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var u in g.Items)
            {
                groupOf[u.Id] = g;
                string target, cache;
                try
                {
                    (target, cache) = (TrackPath(u.Id), LandmarksPath(u.Id));
                }
                catch (ArgumentException e)
                {
                    state.Failures.Add(new ExtractionFailure(u.Id, u.Path, e.Message));
                    g.Failed(u.Id);
                    continue;
                }
                if (File.Exists(target))
                {
                    Interlocked.Increment(ref state.Skipped);
                    DeleteIfExists(cache); // a run killed between writing the track and removing its cache
                }
                else
                {
                    work.Add(u);
                    g.Remaining++;
                }
            }
        }

        var landmarksOnly = _options.Video with { ActionUnits = null };
        ForEachVideo(work, predictor, landmarksOnly, cancellation, (u, pipeline) =>
        {
            var group = groupOf[u.Id];
            var cache = LandmarksPath(u.Id);
            if (!File.Exists(cache) && !(TryTrack(u, pipeline, state, cancellation, out var track) && TryWrite(u, cache, track!, state)))
                group.Failed(u.Id);
            if (Interlocked.Decrement(ref group.Remaining) == 0) Pool(group, state);
        });
        // Shards may run at the same time in one output folder: only an unsharded run removes the emptied cache folder.
        if (_options.Shard.Count == 1) TryDeleteEmptyFolder(Path.Combine(_options.OutputDirectory, LandmarksFolder));
    }

    /// <summary>Stage 2 of speaker mode for one speaker whose videos all went through stage 1.</summary>
    private void Pool(SpeakerGroup group, RunState state)
    {
        var tracks = new List<FaceTrack>();
        var pending = new List<(Utterance Utterance, int Index)>();
        foreach (var u in group.Items)
        {
            if (group.HasFailed(u.Id)) continue;
            var final = TrackPath(u.Id);
            bool finished = File.Exists(final);
            var source = finished ? final : LandmarksPath(u.Id);
            try
            {
                tracks.Add(OpenFaceCsv.Read(source, new FaceRequirements { Landmarks = true }));
            }
            catch (Exception e) when (e is FaceTrackException or IOException)
            {
                // A damaged cache is removed so the next run computes it again; a damaged finished track is the user's to fix.
                if (!finished) DeleteIfExists(source);
                state.Failures.Add(new ExtractionFailure(u.Id, source, e.Message.Contains(source, StringComparison.Ordinal) ? e.Message : $"{source}: {e.Message}"));
                continue;
            }
            if (!finished) pending.Add((u, tracks.Count - 1));
        }
        if (pending.Count > 0)
        {
            var withAus = new ActionUnitEstimator().Apply(tracks);
            foreach (var (u, index) in pending)
                if (TryWrite(u, TrackPath(u.Id), withAus[index], state)) Interlocked.Increment(ref state.Done);
        }
        foreach (var u in group.Items) DeleteIfExists(LandmarksPath(u.Id));
    }

    /// <summary>Runs <paramref name="body"/> over the videos in order, in parallel, one detector and pipeline per worker.</summary>
    private void ForEachVideo(List<Utterance> items, ShapePredictor predictor, FaceVideoOptions video, CancellationToken cancellation,
                              Action<Utterance, FaceVideoPipeline> body)
    {
        int workers = _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;
        var detectors = new ConcurrentBag<FaceDetector>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        try
        {
            // No buffering: videos are taken in order, so in speaker mode the speakers finish one after another.
            Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), parallel,
                () =>
                {
                    var detector = FaceDetector.Load(_options.CascadePath);
                    detectors.Add(detector);
                    return new FaceVideoPipeline(detector, predictor.Fit, video);
                },
                (u, _, pipeline) =>
                {
                    body(u, pipeline);
                    return pipeline;
                },
                _ => { });
        }
        finally
        {
            foreach (var d in detectors) d.Dispose();
        }
    }

    /// <summary>Runs the pipeline on an utterance's video; a failure is recorded (with the file named) and gives false.</summary>
    private bool TryTrack(Utterance u, FaceVideoPipeline pipeline, RunState state, CancellationToken cancellation, out FaceTrack? track)
    {
        string video = u.Path;
        track = null;
        try
        {
            video = VideoPath(u);
            track = pipeline.Run(video, TrackPath(u.Id), cancellation: cancellation);
            Interlocked.Add(ref state.Frames, pipeline.LastStats?.FramesDecoded ?? 0);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = e.Message.Contains(video, StringComparison.Ordinal) ? e.Message : $"{video}: {e.Message}";
            state.Failures.Add(new ExtractionFailure(u.Id, video, message));
            return false;
        }
    }

    /// <summary>Writes a track atomically; a failure (disk full, no permission) is recorded and gives false.</summary>
    private static bool TryWrite(Utterance u, string path, FaceTrack track, RunState state)
    {
        try
        {
            OpenFaceCsv.Write(path, track);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.Failures.Add(new ExtractionFailure(u.Id, path, e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}"));
            return false;
        }
    }

    private static string? SpeakerKey(Utterance u) => string.IsNullOrWhiteSpace(u.Speaker) ? null : u.Speaker.Trim();

    private static string Inside(string folder, string id)
    {
        var dir = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(dir, id + ".csv"));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"id {id}: its face track {full} would leave the output folder {dir}");
        return full;
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Removes <paramref name="folder"/> and its empty subfolders when no file is left in them.</summary>
    private static void TryDeleteEmptyFolder(string folder)
    {
        if (!Directory.Exists(folder)) return;
        try
        {
            foreach (var sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
                if (!Directory.EnumerateFileSystemEntries(sub).Any()) Directory.Delete(sub);
            if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException) { /* another shard wrote into it meanwhile */ }
    }

    /// <summary>The videos of one speaker (or one speakerless utterance) whose AU neutral is pooled.</summary>
    private sealed class SpeakerGroup(Utterance[] items)
    {
        private readonly ConcurrentDictionary<string, bool> _failed = new(StringComparer.Ordinal);

        public Utterance[] Items { get; } = items;

        /// <summary>Videos of this run still to go through stage 1.</summary>
        public int Remaining;

        public void Failed(string id) => _failed[id] = true;

        public bool HasFailed(string id) => _failed.ContainsKey(id);
    }

    /// <summary>Counters of one run, shared by the workers.</summary>
    private sealed class RunState(int total, Stopwatch clock)
    {
        public readonly ConcurrentBag<ExtractionFailure> Failures = new();
        public int Done;
        public int Skipped;
        public long Frames;

        public FaceBatchProgress Snapshot() => new(total, Volatile.Read(ref Done), Volatile.Read(ref Skipped), Failures.Count,
            Interlocked.Read(ref Frames), clock.Elapsed);
    }
}
