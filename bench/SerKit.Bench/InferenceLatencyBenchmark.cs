using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Synthetic;
using static TorchSharp.torch;

namespace SerKit.Bench;

/// <summary>
/// Latency of <see cref="SerClassifier.Classify(ReadOnlySpan{float})"/> on a 3 s utterance (48 000 samples of the
/// synthetic voice; decoding excluded, log-mel and normalisation included) with the default encoder on one
/// libtorch thread: median and 95th percentile over 200 calls after 30 warm-up calls. The weights are a
/// seeded initialisation (latency does not depend on their values). Run in a child process per setting,
/// with and without <c>SERKIT_MKL_VENDOR_CHECK=keep</c>.
/// </summary>
public sealed class InferenceLatencyBenchmark : IBenchmark
{
    public string Name => "inference-latency";
    public string Description => "latency of classifying a 3 s utterance (features + model), one thread: median and p95 over 200 runs";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--worker") return Worker(args[1]);
        int runs = ChildProcess.Option(args, "--runs", 200);
        var work = Path.Combine(Path.GetTempPath(), "serkit-bench-latency");
        var bench = Path.Combine(AppContext.BaseDirectory, "SerKit.Bench.dll");
        Console.WriteLine($"3 s utterance (301 frames), default encoder, 1 thread; {runs} timed calls after 30 warm-up calls; load average {TrainThroughputBenchmark.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| setting | median | p95 |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (label, env) in new[] { ("SerKit", new Dictionary<string, string>()), ("SerKit, oneMKL vendor check kept", new Dictionary<string, string> { ["SERKIT_MKL_VENDOR_CHECK"] = "keep" }) })
        {
            env["OMP_NUM_THREADS"] = "1";
            env["SERKIT_BENCH_RUNS"] = runs.ToString(CultureInfo.InvariantCulture);
            var result = ChildProcess.Run("dotnet", [bench, Name, "--worker", work], env);
            double median = result.GetProperty("median_ms").GetDouble(), p95 = result.GetProperty("p95_ms").GetDouble();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {median:0.00} ms | {p95:0.00} ms |"));
        }
        return 0;
    }

    private static int Worker(string work)
    {
        int runs = int.Parse(Environment.GetEnvironmentVariable("SERKIT_BENCH_RUNS") ?? "200", CultureInfo.InvariantCulture);
        TorchRuntime.Start(1);
        var dir = Path.Combine(work, "model-" + Environment.ProcessId);
        manual_seed(0);
        using (var model = new SerModel(new EncoderConfig(), [new HeadSpec("ser", EmotionProsody.Classes.ToArray())]))
            ModelDirectory.Save(dir, model, new ModelConfig { Encoder = model.Config, Heads = model.Heads }, FeatureNormalization.Identity(64));
        using var classifier = SerClassifier.Load(dir, threads: 1);
        var voice = EmotionProsody.Apply(new VoiceParameters { F0 = 180 }, "HAP");
        var samples = new VoiceSynthesizer().Render(voice, 3.0, 1);
        if (samples.Length != 48000) Array.Resize(ref samples, 48000);
        for (int i = 0; i < 30; i++) classifier.Classify(samples);
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            classifier.Classify(samples);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Directory.Delete(dir, recursive: true);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            median_ms = times[runs / 2], p95_ms = times[(int)Math.Ceiling(0.95 * runs) - 1], runs, windows = classifier.Classify(samples).Windows,
            mkl = MklVendorDispatch.Status,
        }));
        return 0;
    }
}
