using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SerKit.Audio;
using SerKit.Corpus;
using SerKit.IO;
using SerKit.Media;
using SerKit.Runtime;

namespace SerKit.Extraction;

/// <summary>
/// Extracts features for every utterance of a manifest (or of one shard of it) into one
/// file per utterance and feature kind, plus an index.
/// <list type="bullet">
/// <item>Parallel over utterances (one extractor per worker thread, libtorch at one thread each).</item>
/// <item>Streaming: audio is decoded and features are written block by block, so memory
/// does not grow with file length.</item>
/// <item>Resumable: every file is written under a temporary name and renamed when whole; a
/// rerun skips files that exist and removes temporaries of killed runs.</item>
/// <item>Shardable: <see cref="ExtractionOptions.Shard"/> picks a stable part of the corpus. Every shard updates its
/// own rows of the shared <c>index.csv</c> and <c>failures.csv</c> (<see cref="ShardedCsv"/>), so once all N
/// shards have finished the folder holds the same files, byte for byte, as one run over the whole corpus.</item>
/// <item>Robust: a file that cannot be read (missing, empty, truncated, not media, NaN) or
/// has an unknown label is reported with the reason; the rest of the batch goes on.</item>
/// </list>
/// </summary>
public sealed class FeatureExtractionJob
{
    private readonly Manifest _manifest;
    private readonly ExtractionOptions _options;

    public FeatureExtractionJob(Manifest manifest, ExtractionOptions options)
    {
        _manifest = manifest;
        _options = options;
        var names = options.Features.Select(KindName).ToList();
        if (names.Count == 0) throw new ArgumentException("no feature kind to extract");
        if (names.Distinct().Count() != names.Count) throw new ArgumentException("a feature kind is listed twice: " + string.Join(",", names));
    }

    /// <summary>The folder name and tensor name of a feature kind: logmel, mfcc, energy, f0.</summary>
    public static string KindName(FeatureOptions f) => f.Kind.ToString().ToLowerInvariant();

    /// <summary>The index: <c>index.csv</c> in the output folder (a shard updates its own rows of it).</summary>
    public string IndexPath => Path.Combine(_options.OutputDirectory, "index.csv");

    /// <summary>The failure list: <c>failures.csv</c> in the output folder (a shard updates its own rows of it; removed when empty).</summary>
    public string FailuresPath => Path.Combine(_options.OutputDirectory, "failures.csv");

    public ExtractionSummary Run(IProgress<ExtractionProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var outDir = _options.OutputDirectory;
        Directory.CreateDirectory(outDir);
        AtomicFile.CleanStale(outDir);

        var items = _manifest.Items.Where(u => _options.Shard.Contains(u.Id)).ToList();
        var failures = new ConcurrentBag<ExtractionFailure>();
        // Ids that map to the file of an earlier id, over the whole manifest so that every shard decides alike.
        var fileOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var collisions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in _manifest.Items)
        {
            var name = FeatureFileNames.For("_", u.Id, _options.Format);
            if (fileOwners.TryAdd(name, u.Id)) continue;
            collisions.Add(u.Id);
            if (_options.Shard.Contains(u.Id))
                failures.Add(new ExtractionFailure(u.Id, _manifest.FullPath(u),
                    $"{_manifest.FullPath(u)}: id '{u.Id}' maps to the same output file as id '{fileOwners[name]}'"));
        }

        int workers = _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;
        // One libtorch thread per worker, also with a single worker: more threads would only spin
        // (OpenMP busy-waits between the small STFT calls) and cost CPU time, not wall time.
        TorchRuntime.Start(threads: 1);

        int done = 0, skipped = 0;
        long audioMicroseconds = 0;
        string? current = null;
        ExtractionProgress Snapshot() => new(items.Count, Volatile.Read(ref done), Volatile.Read(ref skipped), failures.Count,
            Interlocked.Read(ref audioMicroseconds) / 1e6, clock.Elapsed, current);
        using var timer = progress == null ? null : new Timer(_ => progress.Report(Snapshot()), null, _options.ProgressInterval, _options.ProgressInterval);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        Parallel.ForEach(items.Where(u => !collisions.Contains(u.Id)), parallel,
            () => _options.Features.Select(FeatureExtractors.Create).ToArray(),
            (u, _, extractors) =>
            {
                current = u.Id;
                var fullPath = _manifest.FullPath(u);
                try
                {
                    if (_options.Classes != null && (u.Label == null || !_options.Classes.Contains(u.Label)))
                        throw new InvalidDataException($"{fullPath}: unknown label '{u.Label ?? "(none)"}' (expected one of {string.Join(", ", _options.Classes.Order())})");
                    bool any = false;
                    for (int k = 0; k < extractors.Length; k++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        var target = Path.Combine(outDir, FeatureFileNames.For(KindName(_options.Features[k]), u.Id, _options.Format));
                        if (File.Exists(target)) continue;
                        any = true;
                        long samples = ExtractOne(extractors[k], fullPath, target, KindName(_options.Features[k]));
                        if (k == 0 || samples > 0) Interlocked.Add(ref audioMicroseconds, samples * 1_000_000L / extractors[k].Options.SampleRate);
                    }
                    if (any) Interlocked.Increment(ref done);
                    else Interlocked.Increment(ref skipped);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var message = e.Message.Contains(fullPath, StringComparison.Ordinal) ? e.Message : $"{fullPath}: {e.Message}";
                    failures.Add(new ExtractionFailure(u.Id, fullPath, message));
                }
                return extractors;
            },
            _ => { });

        var failureList = failures.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        WriteIndex(items.Where(u => !collisions.Contains(u.Id)).ToList());
        var byId = _manifest.Items.Select(u => u.Id).Order(StringComparer.Ordinal).Select((id, i) => (id, i))
            .ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        ShardedCsv.Update(FailuresPath, _options.Shard, failureList, f => f.Id, id => byId.GetValueOrDefault(id, -1), keepEmpty: false);
        string? failuresPath = failureList.Count > 0 ? FailuresPath : null;
        progress?.Report(Snapshot());
        return new ExtractionSummary(items.Count, done, skipped, failureList,
            Interlocked.Read(ref audioMicroseconds) / 1e6, clock.Elapsed, IndexPath, failuresPath);
    }

    /// <summary>Decodes <paramref name="input"/> and streams one feature kind into <paramref name="target"/>; returns the sample count.</summary>
    private long ExtractOne(IFeatureExtractor extractor, string input, string target, string kind)
    {
        using var audio = new CountingAudioStream(AudioDecoder.Open(input, extractor.Options.SampleRate));
        AtomicFile.Write(target, stream =>
        {
            if (_options.Format == FeatureFileFormat.Npy)
            {
                var npy = new NpyWriter(stream, extractor.Dimension);
                extractor.Run(audio, new FiniteCheckingSink(npy, extractor.Dimension, input));
                if (npy.Rows == 0) throw new InvalidDataException($"{input}: no audio frames");
                npy.Complete();
            }
            else
            {
                var metadata = new Dictionary<string, string>
                {
                    ["source"] = input,
                    ["kind"] = kind,
                    ["columns"] = string.Join(",", extractor.ColumnNames),
                    ["hop"] = extractor.Options.Hop.ToString(CultureInfo.InvariantCulture),
                    ["sample_rate"] = extractor.Options.SampleRate.ToString(CultureInfo.InvariantCulture),
                };
                var st = new SafeTensorsWriter(stream, kind, extractor.Dimension, metadata);
                extractor.Run(audio, new FiniteCheckingSink(st, extractor.Dimension, input));
                if (st.Rows == 0) throw new InvalidDataException($"{input}: no audio frames");
                st.Complete();
            }
        });
        return audio.Samples;
    }

    /// <summary>Writes the index rows of every utterance of this shard whose files all exist (also those of earlier runs) into the shared index.</summary>
    private void WriteIndex(IReadOnlyList<Utterance> items)
    {
        var rows = new List<FeatureIndexRow>();
        foreach (var u in items)
        {
            var perKind = new List<FeatureIndexRow>();
            foreach (var f in _options.Features)
            {
                var kind = KindName(f);
                var rel = FeatureFileNames.For(kind, u.Id, _options.Format);
                var full = Path.Combine(_options.OutputDirectory, rel);
                if (!File.Exists(full)) break;
                var (frames, dims) = Shape(full, kind);
                perKind.Add(new FeatureIndexRow(u.Id, u.Path, u.Speaker, u.Label, kind, rel, frames, dims,
                    Math.Round(Math.Max(frames - 1, 0) * (double)f.Hop / f.SampleRate, 3)));
            }
            if (perKind.Count == _options.Features.Count) rows.AddRange(perKind);
        }
        var position = _manifest.Items.Select((u, i) => (u.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        ShardedCsv.Update(IndexPath, _options.Shard, rows, r => r.Id, id => position.GetValueOrDefault(id, -1), keepEmpty: true);
    }

    private (long Frames, int Dims) Shape(string path, string kind)
    {
        if (_options.Format == FeatureFileFormat.Npy)
        {
            var shape = NpyArray.ReadShape(path);
            return (shape[0], (int)shape[1]);
        }
        var s = SafeTensorsFile.ReadHeader(path).Shapes[kind];
        return (s[0], (int)s[1]);
    }
}
