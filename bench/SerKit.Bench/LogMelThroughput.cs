using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SerKit.Audio;
using SerKit.Media;
using SerKit.Runtime;
using TorchSharp;

namespace SerKit.Bench;

/// <summary>
/// <c>logmel-throughput</c>: seconds of audio turned into a 64-band log-mel per CPU second, SerKit and
/// torchaudio side by side on the same files (the LibriVox WAVs plus generated speech-like audio), both
/// with one libtorch thread. Audio is decoded before timing on both sides; CPU time is the whole
/// process's (user + system), so runtime threads (JIT, GC, OpenMP) are counted.
/// Options: --minutes M of generated audio (3; 0 = the LibriVox WAVs alone), --repeat R passes per measurement (3), --rounds N (3).
/// </summary>
internal sealed class LogMelThroughput : IBenchmark
{
    public string Name => "logmel-throughput";

    public string Description => "log-mel throughput (audio s per CPU s), SerKit vs torchaudio, 1 thread each";

    public int Run(string[] args)
    {
        double minutes = double.Parse(BenchRepo.Option(args, "--minutes", "3"), CultureInfo.InvariantCulture);
        int repeat = int.Parse(BenchRepo.Option(args, "--repeat", "3"), CultureInfo.InvariantCulture);
        int rounds = int.Parse(BenchRepo.Option(args, "--rounds", "3"), CultureInfo.InvariantCulture);

        var files = minutes > 0 ? LibriVoxFiles.Locate().Append(SpeechlikeAudio.Ensure(minutes * 60, seed: 1)).ToArray() : LibriVoxFiles.Locate();
        var signals = files.Select(f => AudioDecoder.ReadAll(f)).ToArray();
        double audioSeconds = signals.Sum(s => (double)s.Length) / 16000 * repeat;

        TorchRuntime.Start(1);
        torch.set_num_threads(1);
        var extractor = FeatureExtractors.Create(new FeatureOptions());
        foreach (var s in signals) extractor.Compute(s, out _); // JIT warm-up

        Console.WriteLine($"# log-mel throughput: {files.Length} files, {signals.Sum(s => (double)s.Length) / 16000:F1} s of audio × {repeat} passes, 1 thread each");
        Console.WriteLine($"# machine: {Environment.ProcessorCount} cores, {Cpu()}; .NET {Environment.Version}, libtorch {TorchRuntime.Version} (TorchSharp threads {torch.get_num_threads()})");
        Console.WriteLine("| round | implementation | audio s | CPU s | wall s | audio s per CPU s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var ours = new List<double>();
        var theirs = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long frames = 0;
            for (int r = 0; r < repeat; r++)
            {
                foreach (var s in signals)
                {
                    extractor.Compute(s, out int n);
                    frames += n;
                }
            }
            clock.Stop();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            ours.Add(audioSeconds / cpu);
            Row(round, $"SerKit (TorchSharp 0.107 / libtorch {TorchRuntime.Version})", audioSeconds, cpu, clock.Elapsed.TotalSeconds);

            var json = TorchaudioScript.Run(new[] { "--bench", "--threads", "1", "--repeat", repeat.ToString(CultureInfo.InvariantCulture) }.Concat(files));
            using var result = JsonDocument.Parse(json);
            var r0 = result.RootElement;
            double theirCpu = r0.GetProperty("cpu_seconds").GetDouble();
            double theirAudio = r0.GetProperty("audio_seconds").GetDouble();
            if (Math.Abs(theirAudio - audioSeconds) > 0.01 || r0.GetProperty("frames").GetInt64() != frames)
                throw new InvalidOperationException($"torchaudio processed {theirAudio} s / {r0.GetProperty("frames")} frames, SerKit {audioSeconds} s / {frames} frames");
            theirs.Add(theirAudio / theirCpu);
            Row(round, r0.GetProperty("implementation").GetString()!, theirAudio, theirCpu, r0.GetProperty("wall_seconds").GetDouble());
        }
        double medianOurs = Median(ours), medianTheirs = Median(theirs);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median audio s per CPU s: SerKit {medianOurs:F0}, torchaudio {medianTheirs:F0}; SerKit / torchaudio = {medianOurs / medianTheirs:F2}"));
        return 0;
    }

    private static void Row(int round, string implementation, double audio, double cpu, double wall) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round} | {implementation} | {audio:F1} | {cpu:F3} | {wall:F3} | {audio / cpu:F0} |"));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }

    private static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
