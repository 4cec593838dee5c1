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
/// threads on both sides, in one run. Each side is measured in its own process, alternately, several times;
/// the table reports the median.
/// </summary>
public sealed class TrainThroughputBenchmark : IBenchmark
{
    public string Name => "train-throughput";
    public string Description => "training steps/s of the default encoder, SerKit vs the same model in PyTorch (1 and 2 threads)";

    public int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--serkit-worker") return Worker(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        int steps = Option(args, "--steps", 20), warmup = Option(args, "--warmup", 3), rounds = Option(args, "--rounds", 3);
        var script = Path.Combine(RepoRoot(), "tools", "bench_train_torch.py");
        Console.WriteLine($"batch 32 × 301 frames × 64 log-mel, default encoder (4 layers, width 128, 4 heads, FF 256), Adam; {steps} timed steps after {warmup} warm-up, median of {rounds} rounds");
        Console.WriteLine("| threads | SerKit steps/s | PyTorch 1.13 steps/s | SerKit / PyTorch |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var threads in new[] { 1, 2 })
        {
            var ours = new List<double>();
            var theirs = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                ours.Add(Measure("dotnet", [Path.Combine(AppContext.BaseDirectory, "SerKit.Bench.dll"), Name, "--serkit-worker", threads.ToString(), steps.ToString(), warmup.ToString()], threads));
                theirs.Add(Measure("/usr/bin/python3", [script, "--threads", threads.ToString(), "--steps", steps.ToString(), "--warmup", warmup.ToString()], threads));
            }
            double a = Median(ours), b = Median(theirs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {threads} | {a:0.00} | {b:0.00} | {a / b:0.00}× |"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads {threads}: SerKit {string.Join(", ", ours.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}; PyTorch {string.Join(", ", theirs.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}"));
        }
        return 0;
    }

    /// <summary>The SerKit side, in its own process: prints one JSON line like the PyTorch script.</summary>
    private static int Worker(int threads, int steps, int warmup)
    {
        TorchRuntime.Start(threads);
        manual_seed(0);
        const int batch = 32, frames = 301, classes = 6;
        var model = new SerModel(new EncoderConfig(), [new HeadSpec("ser", Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray())]);
        model.train();
        var options = new TrainingOptions { Threads = threads };
        using var adam = new AdamOptimizer(model.named_parameters().Select(p => (p.name, p.parameter)), options);
        var x = randn(batch, frames, 64).DetachFromDisposeScope();
        var lengths = full(batch, frames, ScalarType.Int64).DetachFromDisposeScope();
        var y = randint(0, classes, batch, ScalarType.Int64).DetachFromDisposeScope();
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
        Console.WriteLine(JsonSerializer.Serialize(new { threads, steps, seconds, steps_per_s = steps / seconds, libtorch = TorchRuntime.Version }));
        return 0;
    }

    private static double Measure(string program, string[] arguments, int threads)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{output}\n{err.Result}");
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return doc.RootElement.GetProperty("steps_per_s").GetDouble();
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SerKit.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (SerKit.slnx)");
    }
}
