using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Modeling;
using SerKit.Pretext;
using SerKit.Training;

namespace SerKit.Bench;

/// <summary>
/// Peak resident memory of pre-training (<see cref="Pretraining.Run"/>, 1 epoch, a small encoder, T1) on N and
/// k·N utterances, each run in its own process (VmHWM from /proc/self/status). The features are read from a
/// real <c>serkit extract</c> output (<see cref="FeatureInput.ExtractedIndex"/>): memory must not grow with the
/// corpus. Beside it, the same runs with features computed on the fly from the audio (the in-memory cache of
/// <see cref="AudioFeatureSource"/>, 2 GiB budget), which does grow, show what the measurement sees.
/// Utterances: the five LibriVox WAVs of Debian's pocketsphinx-testdata (3.0–7.1 s), in turn, each row its own id.
/// </summary>
public sealed class PretrainMemoryBenchmark : IBenchmark
{
    public string Name => "pretrain-memory";
    public string Description => "peak RSS of pre-training on N and k·N utterances of extracted features (one process each)";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child") return Child(args[1], args[2], args[3], args[4], args[5]);
        int n = ChildProcess.Option(args, "--n", 1000);
        int factor = ChildProcess.Option(args, "--factor", 8);
        bool audio = !args.Contains("--no-audio");
        var (manifests, index, labels) = Material(n, factor);
        var self = typeof(PretrainMemoryBenchmark).Assembly.Location;
        var env = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" };
        var sources = audio ? new[] { "extracted", "audio" } : new[] { "extracted" };
        var rows = new List<(string Source, int Utterances, JsonElement R)>();
        string load0 = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        foreach (var source in sources)
        {
            foreach (var (count, manifest) in manifests)
            {
                var outDir = Path.Combine(Path.GetTempPath(), $"serkit-pretrain-memory-{Environment.ProcessId}-{source}-{count}");
                if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {source}, {count} utterances");
                var r = ChildProcess.Run("dotnet", new[] { self, Name, "--child", source, manifest, labels, index[count], outDir }, env);
                Directory.Delete(outDir, recursive: true);
                rows.Add((source, count, r));
            }
        }
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, load average before {load0}, after {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine();
        Console.WriteLine("| features | utterances | audio | features on disk | peak RSS (VmHWM) | RSS at the end | managed heap at the end | wall |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (source, count, r) in rows)
            Console.WriteLine(string.Create(inv,
                $"| {(source == "extracted" ? "extracted (serkit extract)" : "on the fly from audio (cache)")} | {count:N0} | {r.GetProperty("audio_hours").GetDouble():0.00} h | {r.GetProperty("feature_mib").GetDouble():0} MiB | {r.GetProperty("vmhwm_kb").GetDouble() / 1024:0} MiB | {r.GetProperty("vmrss_kb").GetDouble() / 1024:0} MiB | {r.GetProperty("heap_mib").GetDouble():0} MiB | {r.GetProperty("seconds").GetDouble():0.0} s |"));
        foreach (var source in sources)
        {
            var small = rows.First(x => x.Source == source).R;
            var large = rows.Last(x => x.Source == source).R;
            double grow = (large.GetProperty("vmhwm_kb").GetDouble() - small.GetProperty("vmhwm_kb").GetDouble()) / 1024;
            double more = large.GetProperty("feature_mib").GetDouble() - small.GetProperty("feature_mib").GetDouble();
            Console.WriteLine(string.Create(inv, $"{source}: peak RSS {Math.Round(grow):+0;-0;0} MiB from {n} to {n * factor} utterances ({more:0} MiB more features, {100 * grow / more:0.0} % of them)"));
        }
        return 0;
    }

    /// <summary>Manifests of N and factor·N utterances, the extraction index for each and T1 labels (built once in .cache/pretrain-memory).</summary>
    private static (List<(int Count, string Manifest)> Manifests, Dictionary<int, string> Index, string Labels) Material(int n, int factor)
    {
        var folder = Path.Combine(BenchRepo.Cache, "pretrain-memory", $"n{n}x{factor}");
        Directory.CreateDirectory(folder);
        var wavs = LibriVoxFiles.Locate();
        int total = n * factor;
        Directory.CreateDirectory(Path.Combine(folder, "wav"));
        foreach (var w in wavs)
            if (!File.Exists(Path.Combine(folder, "wav", Path.GetFileName(w)))) File.Copy(w, Path.Combine(folder, "wav", Path.GetFileName(w)));
        var items = Enumerable.Range(0, total)
            .Select(i => new Utterance($"u{i:D6}", "wav/" + Path.GetFileName(wavs[i % wavs.Length]), $"spk{i % 20:D2}", null)).ToArray();
        var manifests = new List<(int, string)>();
        var index = new Dictionary<int, string>();
        var features = Path.Combine(folder, "features");
        var fullIndex = Path.Combine(features, "index.csv");
        foreach (var count in new[] { n, total })
        {
            var path = Path.Combine(folder, $"manifest-{count}.csv");
            if (!File.Exists(path)) new Manifest(folder, items.Take(count)).Save(path, ManifestFormat.SerKitCsv);
            manifests.Add((count, path));
        }
        if (!File.Exists(fullIndex))
        {
            Console.Error.WriteLine($"extracting log-mel features of {total} utterances into {features}");
            var summary = new FeatureExtractionJob(Manifest.Load(manifests[1].Item2), new ExtractionOptions { OutputDirectory = features }).Run();
            if (!summary.Succeeded) throw new InvalidOperationException(summary.Failures[0].Problem);
        }
        // An index per size (the rows of its utterances) next to the full one, so that a run reads only its own part.
        foreach (var count in new[] { n, total })
        {
            var path = Path.Combine(features, $"index-{count}.csv");
            if (!File.Exists(path)) ShardedCsv.Write(path, FeatureIndex.Read(fullIndex).Take(count));
            index[count] = path;
        }
        var labels = Path.Combine(folder, "pretext", PretextLabelSet.CsvFileName);
        if (!File.Exists(labels))
        {
            Console.Error.WriteLine("T1 labels (speech energy) of every utterance");
            var result = new PretextLabeler(Manifest.Load(manifests[1].Item2), new PretextOptions { Tasks = PretextTasks.T1 }).Run();
            result.Labels.Write(labels);
        }
        return (manifests, index, labels);
    }

    private static int Child(string source, string manifestPath, string labelsPath, string indexPath, string outDir)
    {
        var clock = Stopwatch.StartNew();
        var manifest = Manifest.Load(manifestPath);
        var labels = PretextLabelSet.Read(labelsPath);
        var request = new PretrainingRequest(manifest, labels, outDir)
        {
            Tasks = ["t1"],
            Weights = [1],
            Encoder = new EncoderConfig { Width = 64, Layers = 2, Heads = 4, FeedForward = 128, PoolingDim = 64 },
            Options = new TrainingOptions { Epochs = 1, BatchSize = 32, Threads = 1, Seed = 1 },
            Features = source == "extracted" ? new FeatureInput { ExtractedIndex = indexPath } : new FeatureInput(),
        };
        Pretraining.Run(request);
        double seconds = clock.Elapsed.TotalSeconds;
        var rows = FeatureIndex.Read(indexPath);
        var status = File.ReadAllLines("/proc/self/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["vmhwm_kb"] = Kb("VmHWM"),
            ["vmrss_kb"] = Kb("VmRSS"),
            ["heap_mib"] = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
            ["seconds"] = seconds,
            ["utterances"] = manifest.Items.Count,
            ["audio_hours"] = rows.Sum(r => r.DurationSeconds) / 3600,
            ["feature_mib"] = rows.Sum(r => r.Frames * (double)r.Dims * 4) / 1048576,
        }));
        return 0;
    }
}
