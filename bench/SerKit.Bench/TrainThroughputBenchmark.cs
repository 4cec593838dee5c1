using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Bench;

/// <summary>
/// Training steps per second of the default encoder (batch 32, 3 s = 301 frames of 64-band log-mel,
/// cross-entropy on a 6-class head, Adam at 0.725e-3), SerKit (TorchSharp, libtorch 2.10) beside the same
/// network in PyTorch (tools/bench_train_torch.py with /usr/bin/python3, Debian's torch 1.13), with 1 and 2
/// threads, in one run. Every configuration runs in its own process and the configurations alternate; the
/// table reports the best and the median of the rounds (the best is the run least disturbed by other
/// processes on a shared machine; the load average before and after is printed). SerKit is also run with <c>SERKIT_MKL_VENDOR_CHECK=keep</c>
/// (oneMKL's own kernel choice) and PyTorch also with <c>OPENBLAS_NUM_THREADS=1</c> (OpenBLAS's thread pool
/// otherwise competes with PyTorch's OpenMP threads); the ratio is against the faster PyTorch setting.
/// </summary>
public sealed class TrainThroughputBenchmark : IBenchmark
{
    public string Name => "train-throughput";
    public string Description => "training steps/s of the default encoder, SerKit vs the same model in PyTorch (1 and 2 threads)";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--serkit-worker")
            return Worker(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        int steps = ChildProcess.Option(args, "--steps", 20), warmup = ChildProcess.Option(args, "--warmup", 3), rounds = ChildProcess.Option(args, "--rounds", 3);
        var script = Path.Combine(ChildProcess.RepoRoot(), "tools", "bench_train_torch.py");
        var bench = Path.Combine(AppContext.BaseDirectory, "SerKit.Bench.dll");
        Console.WriteLine($"batch 32 × 301 frames × 64 log-mel, default encoder (conv front end, 4 layers, width 128, 4 heads, FF 256, dropout 0.1), Adam; "
                          + $"{steps} timed steps after {warmup} warm-up steps; best (median) of {rounds} rounds; {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| threads | SerKit | SerKit, oneMKL vendor check kept | PyTorch 1.13 | PyTorch 1.13, OPENBLAS_NUM_THREADS=1 | SerKit / faster PyTorch |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var threads in new[] { 1, 2 })
        {
            var t = threads.ToString(CultureInfo.InvariantCulture);
            string[] serkit = [bench, Name, "--serkit-worker", t, steps.ToString(CultureInfo.InvariantCulture), warmup.ToString(CultureInfo.InvariantCulture)];
            string[] torch = [script, "--threads", t, "--steps", steps.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture)];
            var configs = new (string Name, string Program, string[] Args, Dictionary<string, string> Env)[]
            {
                ("serkit", "dotnet", serkit, new() { ["OMP_NUM_THREADS"] = t }),
                ("serkit-keep", "dotnet", serkit, new() { ["OMP_NUM_THREADS"] = t, ["SERKIT_MKL_VENDOR_CHECK"] = "keep" }),
                ("torch", "/usr/bin/python3", torch, new() { ["OMP_NUM_THREADS"] = t }),
                ("torch-openblas1", "/usr/bin/python3", torch, new() { ["OMP_NUM_THREADS"] = t, ["OPENBLAS_NUM_THREADS"] = "1" }),
            };
            var results = configs.ToDictionary(c => c.Name, _ => new List<double>());
            for (int r = 0; r < rounds; r++)
                foreach (var c in configs) results[c.Name].Add(ChildProcess.Run(c.Program, c.Args, c.Env).GetProperty("steps_per_s").GetDouble());
            var best = results.ToDictionary(p => p.Key, p => p.Value.Max());
            var median = results.ToDictionary(p => p.Key, p => ChildProcess.Median(p.Value));
            string Cell(string k) => string.Create(CultureInfo.InvariantCulture, $"{best[k]:0.00} ({median[k]:0.00})");
            double Ratio(Dictionary<string, double> m) => m["serkit"] / Math.Max(m["torch"], m["torch-openblas1"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {threads} | {Cell("serkit")} | {Cell("serkit-keep")} | {Cell("torch")} | {Cell("torch-openblas1")} | {Ratio(best):0.00}× ({Ratio(median):0.00}×) |"));
            foreach (var (name, values) in results)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads {threads}, {name}: {string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))} steps/s"));
        }
        Console.WriteLine();
        Console.WriteLine($"training steps per second, best of the rounds with the median in parentheses; higher is better. Load average after: {LoadAverage()}");
        return 0;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The SerKit side, in its own process: prints one JSON line like the PyTorch script.</summary>
    private static int Worker(int threads, int steps, int warmup)
    {
        TorchRuntime.Start(threads);
        manual_seed(0);
        const int batch = 32, frames = 301, classes = 6;
        var model = new SerModel(new EncoderConfig(), [new HeadSpec("ser", Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray())]);
        model.train();
        model.Dropout.Threads = threads;
        using var adam = new AdamOptimizer(model.named_parameters().Select(p => (p.name, p.parameter)), new TrainingOptions { Threads = threads });
        var x = randn(batch, frames, 64).DetachFromDisposeScope();
        var lengths = full(batch, frames, ScalarType.Int64).DetachFromDisposeScope();
        var y = randint(0, classes, batch, ScalarType.Int64).DetachFromDisposeScope();
        // One training step as Trainer runs it.
        void Step()
        {
            using var scope = NewDisposeScope();
            var (loss, _) = MaskedMultitaskLoss.Compute([model.Logits("ser", model.call(x, lengths))], [y], [1.0], [batch]);
            model.zero_grad();
            loss!.backward();
            adam.Step();
        }
        for (int i = 0; i < warmup; i++) Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new { threads, steps, seconds, steps_per_s = steps / seconds, libtorch = TorchRuntime.Version, mkl = MklVendorDispatch.Status }));
        return 0;
    }
}
