using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Face;

namespace SerKit.Pretext;

/// <summary>
/// Computes the pretext labels of a corpus (DESIGN.md section 3): first, in parallel over
/// utterances, each utterance's evidence (T1 speech energy from its audio, T2 landmark motion
/// and T3 AU emotion from its face track); then the corpus steps (T1 z-normalisation within
/// speakers and median split, T2 median split). Missing evidence masks a task for an
/// utterance; a missing face CSV is counted, an unusable input is reported as a
/// <see cref="PretextProblem"/>, and the run goes on. Results do not depend on the worker count.
/// </summary>
public sealed class PretextLabeler
{
    private readonly Manifest _manifest;
    private readonly PretextOptions _options;

    /// <summary>Prepares a run; throws <see cref="ArgumentException"/> on bad options or when faces are needed but none can be found.</summary>
    public PretextLabeler(Manifest manifest, PretextOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _manifest = manifest;
        _options = options;
        if ((options.Tasks & (PretextTasks.T2 | PretextTasks.T3)) != 0 && options.FacesDirectory is null
            && !manifest.Items.Any(u => u.Extra.TryGetValue(options.FaceColumn, out var f) && !string.IsNullOrWhiteSpace(f)))
            throw new ArgumentException($"T2 and T3 need face tracks: give a faces folder (<id>.csv) or a '{options.FaceColumn}' column in the manifest");
        if (options.FacesDirectory is not null && !Directory.Exists(options.FacesDirectory))
            throw new ArgumentException($"{options.FacesDirectory}: faces folder not found");
    }

    /// <summary>
    /// The face-track path of an utterance: its manifest <c>face</c> column (relative to the root)
    /// when present, else <c>FacesDirectory/&lt;id&gt;.csv</c>; null when neither applies.
    /// Throws <see cref="ArgumentException"/> when the path would leave its folder.
    /// </summary>
    public string? FacePath(Utterance u)
    {
        if (u.Extra.TryGetValue(_options.FaceColumn, out var rel) && !string.IsNullOrWhiteSpace(rel))
        {
            if (!ManifestPaths.TryMakeRelative(_manifest.Root, rel.Trim(), out var clean, out var problem))
                throw new ArgumentException($"{_manifest.Source ?? "manifest"}: id {u.Id}: face column: {problem}");
            return ManifestPaths.Full(_manifest.Root, clean);
        }
        if (_options.FacesDirectory is null) return null;
        var dir = Path.GetFullPath(_options.FacesDirectory);
        var full = Path.GetFullPath(Path.Combine(dir, u.Id + ".csv"));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"id {u.Id}: its face path {full} leaves the faces folder {dir}");
        return full;
    }

    /// <summary>Runs all requested tasks over the manifest.</summary>
    public PretextResult Run(IProgress<PretextProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var items = _manifest.Items;
        var evidence = new Evidence[items.Count];
        var problems = new ConcurrentBag<(int Index, PretextProblem Problem)>();
        int done = 0, missing = 0;
        PretextProgress Snapshot() => new(items.Count, Volatile.Read(ref done), Volatile.Read(ref missing), problems.Count, clock.Elapsed);
        using var timer = progress is null ? null
            : new Timer(_ => progress.Report(Snapshot()), null, _options.ProgressInterval, _options.ProgressInterval);

        bool t1 = _options.Tasks.HasFlag(PretextTasks.T1), t2 = _options.Tasks.HasFlag(PretextTasks.T2), t3 = _options.Tasks.HasFlag(PretextTasks.T3);
        var energy = t1 ? FeatureExtractors.Create(SpeechEnergy.FeatureOptionsFor(_options.Energy)) : null;
        int workers = _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        Parallel.For(0, items.Count, parallel, i =>
        {
            var u = items[i];
            var e = new Evidence();
            void Problem(string source, Exception ex, string file) =>
                problems.Add((i, new PretextProblem(u.Id, source, ex.Message.Contains(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}")));
            if (t1)
            {
                var audioPath = _manifest.FullPath(u);
                try { e.Energy = SpeechEnergy.MeasureFile(audioPath, energy!, _options.Energy); }
                catch (Exception ex) when (ex is not OperationCanceledException) { Problem("audio", ex, audioPath); }
            }
            if (t2 || t3)
            {
                string? facePath = null;
                try
                {
                    facePath = FacePath(u);
                    if (facePath is null || !File.Exists(facePath))
                    {
                        e.FaceMissing = true;
                        Interlocked.Increment(ref missing);
                    }
                    else
                    {
                        var track = OpenFaceCsv.Read(facePath);
                        e.ValidShare = ValidShare(track);
                        if (t2)
                        {
                            try { e.Activation = FacialActivation.Measure(track, _options.Face); }
                            catch (Exception ex) when (ex is FaceTrackException or ArgumentException) { Problem("t2", ex, facePath); }
                        }
                        if (t3)
                        {
                            try { e.Emotion = AuEmotion.Measure(track, _options.Rules, _options.Face); }
                            catch (Exception ex) when (ex is FaceTrackException or ArgumentException) { Problem("t3", ex, facePath); }
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { Problem("face", ex, facePath ?? u.Id); }
            }
            evidence[i] = e;
            Interlocked.Increment(ref done);
        });

        // Corpus steps.
        var classes = _options.Rules.Classes;
        double?[] z = new double?[items.Count];
        int?[] t1Labels = new int?[items.Count];
        double? t1Median = null, t2Median = null;
        if (t1)
        {
            var stats = items.Select((u, i) => (Group: GroupOf(u), Statistic: evidence[i].Energy?.Statistic(_options.Energy.Statistic))).ToArray();
            (z, t1Labels, t1Median) = EnergyLabels.Compute(stats, _options.Energy.MinGroupSize);
        }
        if (t2) t2Median = MedianSplit.Median(evidence.Where(e => e.Activation?.Activation is not null).Select(e => e.Activation!.Activation!.Value));

        var labels = new PretextLabels[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var e = evidence[i];
            var activation = e.Activation?.Activation;
            labels[i] = new PretextLabels(items[i].Id,
                t1 ? t1Labels[i] : null,
                t2 && activation is { } a && t2Median is { } m ? MedianSplit.Label(a, m) : null,
                t3 ? e.Emotion?.ClassIndex : null,
                e.Energy?.MeanDb,
                z[i],
                activation,
                e.ValidShare,
                t3 ? e.Emotion?.Share : null);
        }

        var summary = new PretextSummary(items.Count,
            t1 ? Count(labels.Select(l => l.T1)) : null,
            t2 ? Count(labels.Select(l => l.T2)) : null,
            t3 ? Enumerable.Range(0, classes.Count).Select(c => labels.Count(l => l.T3 == c)).ToArray() : null,
            t3 ? labels.Count(l => l.T3 is null) : 0,
            t1Median, t2Median,
            items.Where((_, i) => evidence[i].FaceMissing).Select(u => u.Id).ToArray(),
            problems.OrderBy(p => p.Index).ThenBy(p => p.Problem.Source, StringComparer.Ordinal).Select(p => p.Problem).ToArray(),
            clock.Elapsed);
        var details = new JsonObject
        {
            ["tasks"] = new JsonArray(_options.TaskNames.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["manifest"] = _manifest.Source,
            ["options"] = _options.ToJson(),
        };
        foreach (var (key, value) in summary.ToJson(classes)) details[key] = value?.DeepClone();
        progress?.Report(Snapshot());
        return new PretextResult(new PretextLabelSet(classes, labels, details), summary, _options);
    }

    /// <summary>The group key of an utterance for T1's z-normalisation.</summary>
    public string GroupOf(Utterance u)
    {
        switch (_options.Energy.Grouping)
        {
            case EnergyGrouping.Corpus:
                return "corpus";
            // An utterance that is its own speaker (speaker = id: a video of a folder corpus read without
            // speaker-from-folder) has no other utterance to be normalised with: grouped like one without a speaker.
            case EnergyGrouping.Speaker when !string.IsNullOrEmpty(u.Speaker) && !string.Equals(u.Speaker, u.Id, StringComparison.Ordinal):
                return "speaker:" + u.Speaker;
            default:
                if (u.Extra.TryGetValue(_options.Energy.RecordingColumn, out var rec) && !string.IsNullOrWhiteSpace(rec)) return "recording:" + rec.Trim();
                var slash = u.Path.LastIndexOf('/');
                return "folder:" + (slash < 0 ? "" : u.Path[..slash]);
        }
    }

    private double ValidShare(FaceTrack track)
    {
        var frames = PrimaryFace.Frames(track, _options.Face.MinConfidence);
        return frames.Count == 0 ? 0 : (double)frames.Count(f => PrimaryFace.IsTracked(f, _options.Face.MinConfidence)) / frames.Count;
    }

    private static PretextTaskCounts Count(IEnumerable<int?> labels)
    {
        int high = 0, low = 0, masked = 0;
        foreach (var l in labels)
        {
            if (l == 1) high++;
            else if (l == 0) low++;
            else masked++;
        }
        return new PretextTaskCounts(high, low, masked);
    }

    private sealed class Evidence
    {
        public EnergyMeasurement? Energy;
        public ActivationMeasurement? Activation;
        public AuEmotionMeasurement? Emotion;
        public double? ValidShare;
        public bool FaceMissing;
    }
}
