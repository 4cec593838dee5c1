using System.Globalization;
using System.Text.RegularExpressions;
using SerKit.Extraction;

namespace SerKit.Bench;

/// <summary>
/// The scale benchmark: the real <c>serkit extract</c> (log-mel, the model's default) and <c>serkit faces</c>
/// (landmarks and AUs) over at least one hour of real audiovisual media (<see cref="ScaleCorpus"/>), each with
/// 1 and 2 workers in its own process under GNU time: wall time, CPU time (the process and its ffmpeg
/// children), peak RSS. From these: per-core throughput (media seconds per CPU second), the scaling
/// efficiency from 1 to 2 workers, and a projection of the wall time for 60.92 h of 30 fps video on 16 cores.
/// With <c>--rounds R</c> the runs alternate R times and the shortest run of each setting is reported.
/// </summary>
public sealed class ScaleBenchmark : IBenchmark
{
    private const double PaperHours = 60.92;
    private const double PaperFps = 30;
    private const int PaperCores = 16;

    public string Name => "scale";
    public string Description => "extract + faces over >= 1 h of real audiovisual clips with 1 and 2 workers; projection to 60.92 h on 16 cores";

    private sealed record Measure(string Job, int Workers, double MediaSeconds, long Frames, TimedCli.Result Run)
    {
        /// <summary>Bytes written into the output folder.</summary>
        public long OutputBytes { get; init; }

        /// <summary>The unit the job's cost scales with: audio seconds (extract) or video frames (faces).</summary>
        public double Units => Job == "extract" ? MediaSeconds : Frames;
    }

    public int Run(string[] args)
    {
        if (!TimedCli.Available) { Console.Error.WriteLine("needs GNU time (/usr/bin/time, Debian package 'time')"); return 2; }
        double hours = double.Parse(BenchRepo.Option(args, "--hours", "1"), CultureInfo.InvariantCulture);
        int clipSeconds = ChildProcess.Option(args, "--clip-seconds", 10);
        var workerCounts = BenchRepo.Option(args, "--workers", "1,2").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var jobs = BenchRepo.Option(args, "--jobs", "extract,faces").Split(',');
        int rounds = ChildProcess.Option(args, "--rounds", 1);
        if (200 % clipSeconds != 0) { Console.Error.WriteLine("--clip-seconds must divide 200 (franck.mp4's length)"); return 2; }

        int clips = (int)Math.Ceiling(hours * 3600 / clipSeconds);
        var manifest = ScaleCorpus.Build(clips, clipSeconds, Console.Error);
        var model = FacePipelineMaterial.Model();
        var cascade = FacePipelineMaterial.Cascade();
        var runs = Path.Combine(BenchRepo.Cache, "scale", "runs");
        Console.Error.WriteLine($"corpus: {manifest} ({clips} clips of {clipSeconds} s = {clips * clipSeconds / 3600.0:0.00} h)");

        string load0 = LoadAverage();
        var started = DateTime.Now;
        var results = new List<Measure>();
        var all = new List<Measure>();
        foreach (var job in jobs)
        {
            foreach (var (workers, round) in Enumerable.Range(0, rounds).SelectMany(r => workerCounts.Select(w => (w, r))))
            {
                var outDir = Path.Combine(runs, $"{job}-j{workers}");
                if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                var w = workers.ToString(CultureInfo.InvariantCulture);
                Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {job}, {workers} worker(s), round {round + 1}, load average {LoadAverage()}");
                Measure m;
                if (job == "extract")
                {
                    var r = TimedCli.Run(null, "extract", "--manifest", manifest, "-o", outDir, "-j", w);
                    double seconds = FeatureIndex.Read(Path.Combine(outDir, "index.csv")).Sum(x => x.DurationSeconds);
                    m = new Measure(job, workers, seconds, 0, r);
                }
                else if (job == "faces")
                {
                    var r = TimedCli.Run(null, "faces", "--manifest", manifest, "-o", outDir, "-j", w, "--model", model, "--cascade", cascade);
                    var match = Regex.Match(r.Stdout, @"tracked (\d+), already done 0, failed 0 of (\d+) \((\d+) frames");
                    if (!match.Success || match.Groups[1].Value != match.Groups[2].Value) throw new InvalidOperationException($"faces did not track every clip:\n{r.Stdout}");
                    long frames = long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
                    m = new Measure(job, workers, clips * (double)clipSeconds, frames, r);
                }
                else throw new ArgumentException($"unknown job '{job}' (extract, faces)");
                m = m with { OutputBytes = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) };
                all.Add(m);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wall {m.Run.Wall:0.0} s, CPU {m.Run.Cpu:0.0} s, peak RSS {m.Run.MaxRssKb / 1024.0:0} MiB"));
                Directory.Delete(outDir, recursive: true);
            }
        }
        // Of several rounds, the least disturbed run (shortest wall time) of each job and worker count.
        foreach (var g in all.GroupBy(m => (m.Job, m.Workers)))
        {
            results.Add(g.MinBy(m => m.Run.Wall)!);
            if (rounds > 1)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Key.Job}, {g.Key.Workers} worker(s): wall {string.Join(", ", g.Select(m => m.Run.Wall.ToString("0.0", CultureInfo.InvariantCulture)))} s; CPU {string.Join(", ", g.Select(m => m.Run.Cpu.ToString("0.0", CultureInfo.InvariantCulture)))} s"));
        }
        string load1 = LoadAverage();
        Print(results, clips, clipSeconds, started, load0, load1);
        return 0;
    }

    private static void Print(List<Measure> results, int clips, int clipSeconds, DateTime started, string load0, string load1)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"corpus: {clips} clips × {clipSeconds} s = {clips * clipSeconds / 3600.0:0.00} h (franck.mp4 360×288 24 fps + LibriVox speech, AAC 16 kHz mono)"));
        Console.WriteLine($"run {started:yyyy-MM-dd HH:mm}–{DateTime.Now:HH:mm}, {Environment.ProcessorCount} cores, load average before {load0}, after {load1}");
        Console.WriteLine();
        Console.WriteLine("| job | workers | media | frames | wall | CPU (user+sys) | CPU / wall | threads running or ready / wall | peak RSS | output | media s per wall s | per-core throughput (media s per CPU s) | speed-up (wall) | efficiency (wall) | efficiency (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            var one = results.FirstOrDefault(x => x.Job == m.Job && x.Workers == 1);
            double speedup = one == null ? double.NaN : one.Run.Wall / m.Run.Wall;
            double effWall = speedup / m.Workers;
            double effCpu = one == null ? double.NaN : (m.MediaSeconds / m.Run.Cpu) / (one.MediaSeconds / one.Run.Cpu);
            Console.WriteLine(string.Create(inv,
                $"| {(m.Job == "extract" ? "extract (log-mel)" : "faces (landmarks + AUs)")} | {m.Workers} | {m.MediaSeconds / 3600:0.00} h | {(m.Frames > 0 ? m.Frames.ToString("N0", inv) : "–")} | {m.Run.Wall:0.0} s | {m.Run.Cpu:0.0} s | {m.Run.Cpu / m.Run.Wall:0.00} | {(m.Run.ThreadRun + m.Run.ThreadWait) / m.Run.Wall:0.00} | {m.Run.MaxRssKb / 1024.0:0} MiB | {m.OutputBytes / 1048576.0:0} MiB | {m.MediaSeconds / m.Run.Wall:0.0} | {m.MediaSeconds / m.Run.Cpu:0.0} | {speedup:0.00}× | {effWall * 100:0}% | {effCpu * 100:0}% |"));
        }

        // Projection: cost per unit (audio second for extract, frame for faces) × the paper's units / 16 cores.
        double audio = PaperHours * 3600, frames = audio * PaperFps;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Projection for {PaperHours} h of {PaperFps:0} fps video ({audio:N0} s of audio, {frames:N0} frames) on {PaperCores} cores:"));
        Console.WriteLine();
        Console.WriteLine("| job | unit | CPU s per unit (2 workers) | A: CPU-bound, 16 cores busy | wall s per unit (1 worker) | efficiency 1→2 (wall) | B: 1-worker wall × units / (16 × efficiency) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        double totalA = 0, totalB = 0;
        foreach (var job in results.Select(r => r.Job).Distinct())
        {
            var one = results.FirstOrDefault(x => x.Job == job && x.Workers == 1);
            var two = results.FirstOrDefault(x => x.Job == job && x.Workers == 2);
            if (one == null || two == null) continue;
            double units = job == "extract" ? audio : frames;
            double cpuPerUnit = two.Run.Cpu / two.Units;
            double a = cpuPerUnit * units / PaperCores;
            double wallPerUnit = one.Run.Wall / one.Units;
            double eff = one.Run.Wall / two.Run.Wall / 2;
            double b = wallPerUnit * units / (PaperCores * Math.Min(1, eff));
            totalA += a;
            totalB += b;
            Console.WriteLine(string.Create(inv,
                $"| {job} | {(job == "extract" ? "audio second" : "frame")} | {cpuPerUnit:0.000000} | {Hours(a)} | {wallPerUnit:0.000000} | {eff * 100:0}% | {Hours(b)} |"));
        }
        Console.WriteLine(string.Create(inv, $"| **both** | | | **{Hours(totalA)}** | | | **{Hours(totalB)}** |"));
    }

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.00} h ({seconds / 60:0} min)");

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
