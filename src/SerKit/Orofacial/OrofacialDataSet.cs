using SerKit.Corpus;
using SerKit.Face;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// Pairs of (speech features, face track) of a manifest, ready for the orofacial model: for every utterance with a face
/// track (its manifest <c>face</c> column, else <c>FACES/&lt;id&gt;.csv</c>) the feature frames are counted, the track is
/// resampled to them (<see cref="LandmarkResampling"/>), and — with <see cref="TargetReference.Speaker"/> — each speaker's mean
/// normalised shape (over all its valid frames in this manifest) is subtracted. Utterances without a track file or without any
/// valid frame are left out and listed in <see cref="Skipped"/>; a track that cannot be read is an error naming the file.
/// <see cref="MeanShape"/> is the mean normalised 68-point shape over all valid frames (before any subtraction).
/// </summary>
public sealed class OrofacialDataSet
{
    private OrofacialDataSet(IReadOnlyList<OrofacialUtterance> items, IFeatureSource features, double hopSeconds, float[] meanShape,
        IReadOnlyList<(string Id, string Reason)> skipped, OrofacialDataOptions options)
    {
        Items = items;
        Features = features;
        HopSeconds = hopSeconds;
        MeanShape = meanShape;
        Skipped = skipped;
        Options = options;
    }

    /// <summary>The usable utterances, in manifest order.</summary>
    public IReadOnlyList<OrofacialUtterance> Items { get; }

    /// <summary>The speech features of the utterances.</summary>
    public IFeatureSource Features { get; }

    /// <summary>Seconds between feature frames.</summary>
    public double HopSeconds { get; }

    /// <summary>Mean T2-normalised 68-point shape over the valid frames (136 values: x_0 … x_67, y_0 … y_67).</summary>
    public float[] MeanShape { get; }

    /// <summary>Utterances left out, with the reason.</summary>
    public IReadOnlyList<(string Id, string Reason)> Skipped { get; }

    /// <summary>The settings the targets were made with.</summary>
    public OrofacialDataOptions Options { get; }

    /// <summary>Frames with landmarks over all utterances.</summary>
    public long ValidFrames => Items.Sum(u => (long)u.ValidFrames);

    /// <summary>
    /// Builds the data set of <paramref name="manifest"/> with face tracks in <paramref name="facesDirectory"/> (may be null when the
    /// manifest has a face column) and features from <paramref name="features"/> (<paramref name="hopSeconds"/> apart). Tracks are read
    /// on <paramref name="workers"/> threads; the result does not depend on their number.
    /// </summary>
    public static OrofacialDataSet Build(Manifest manifest, string? facesDirectory, IFeatureSource features, double hopSeconds,
        OrofacialDataOptions? options = null, int workers = 1, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new OrofacialDataOptions();
        options.Validate();
        if (facesDirectory != null && !Directory.Exists(facesDirectory)) throw new DirectoryNotFoundException($"{facesDirectory}: faces folder not found");
        var items = manifest.Items;
        var trajectories = new LandmarkTrajectory?[items.Count];
        var reasons = new string?[items.Count];
        int done = 0;
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation }, i =>
            {
                var u = items[i];
                var path = FacePath(manifest, u, facesDirectory, options.FaceColumn);
                if (path is null || !File.Exists(path)) reasons[i] = path is null ? "no face track" : $"no face track ({path})";
                else
                {
                    features.Load(u.Id, out int frames);
                    var track = OpenFaceCsv.Read(path, new FaceRequirements { Landmarks = true });
                    var trajectory = LandmarkResampling.Resample(track, frames, hopSeconds, options);
                    if (trajectory.ValidFrames == 0) reasons[i] = $"no valid face frame ({path})";
                    else trajectories[i] = trajectory;
                }
                int d = Interlocked.Increment(ref done);
                if (d % 32 == 0 || d == items.Count) progress?.Report((d, items.Count));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller gets the failure itself (a track or audio file that cannot be read), not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        const int W = LandmarkTrajectory.Width;
        var skipped = new List<(string, string)>();
        for (int i = 0; i < items.Count; i++) if (reasons[i] is { } r) skipped.Add((items[i].Id, r));
        var kept = Enumerable.Range(0, items.Count).Where(i => trajectories[i] is not null).ToArray();
        if (kept.Length == 0)
            throw new ArgumentException($"{manifest.Source ?? manifest.Root}: no utterance has a usable face track" +
                (skipped.Count > 0 ? $" (e.g. {skipped[0].Item1}: {skipped[0].Item2})" : ""));

        // Means in double, added in manifest order (independent of the number of workers).
        var total = new double[W];
        long totalFrames = 0;
        var bySpeaker = new Dictionary<string, (double[] Sum, long Frames)>(StringComparer.Ordinal);
        foreach (var i in kept)
        {
            var t = trajectories[i]!;
            var key = GroupOf(items[i]);
            if (!bySpeaker.TryGetValue(key, out var acc)) acc = (new double[W], 0);
            for (int f = 0; f < t.Frames; f++)
            {
                if (!t.Valid[f]) continue;
                var row = t.Row(f);
                for (int j = 0; j < W; j++) { acc.Sum[j] += row[j]; total[j] += row[j]; }
                acc.Frames++;
                totalFrames++;
            }
            bySpeaker[key] = acc;
        }
        var mean = total.Select(v => (float)(v / totalFrames)).ToArray();
        var result = new List<OrofacialUtterance>(kept.Length);
        foreach (var i in kept)
        {
            var t = trajectories[i]!;
            var shapes = t.Points;
            if (options.Reference == TargetReference.Speaker)
            {
                var (sum, n) = bySpeaker[GroupOf(items[i])];
                var reference = sum.Select(v => (float)(v / n)).ToArray();
                for (int f = 0; f < t.Frames; f++)
                {
                    if (!t.Valid[f]) continue;
                    var row = shapes.AsSpan(f * W, W);
                    for (int j = 0; j < W; j++) row[j] -= reference[j];
                }
            }
            result.Add(new OrofacialUtterance(items[i].Id, items[i].Speaker, items[i].Label, t.Frames, shapes, t.Valid));
        }
        return new OrofacialDataSet(result, features, hopSeconds, mean, skipped, options);
    }

    /// <summary>The speaker group of an utterance: its speaker, or the utterance itself when the manifest has none.</summary>
    private static string GroupOf(Utterance u) => string.IsNullOrEmpty(u.Speaker) ? "\u0001" + u.Id : u.Speaker;

    /// <summary>The face-track path of <paramref name="u"/>: its <paramref name="faceColumn"/> (relative to the manifest root), else <c>FACES/&lt;id&gt;.csv</c>; null when neither applies.</summary>
    public static string? FacePath(Manifest manifest, Utterance u, string? facesDirectory, string faceColumn = "face")
    {
        if (u.Extra.TryGetValue(faceColumn, out var rel) && !string.IsNullOrWhiteSpace(rel))
        {
            if (!ManifestPaths.TryMakeRelative(manifest.Root, rel.Trim(), out var clean, out var problem))
                throw new ArgumentException($"{manifest.Source ?? "manifest"}: id {u.Id}: {faceColumn} column: {problem}");
            return ManifestPaths.Full(manifest.Root, clean);
        }
        if (facesDirectory is null) return null;
        var dir = Path.GetFullPath(facesDirectory);
        var full = Path.GetFullPath(Path.Combine(dir, u.Id + ".csv"));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"id {u.Id}: its face path {full} leaves the faces folder {dir}");
        return full;
    }
}
