using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SerKit.Audio;
using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Bench;

/// <summary>
/// <c>logmel-profile</c>: where the log-mel's time goes, per frame, for several block sizes (one thread,
/// 60 s of generated speech-like audio): the whole extractor, and its stages timed separately: the copy
/// into libtorch, <c>torch.stft</c> (with the view of its output as interleaved floats), and SerKit's
/// power / banded mel / log in C#; the rest is framing and per-call overhead. Each figure is the
/// fastest of several trials (wall clock), which filters out interference from other processes.
/// </summary>
internal sealed class LogMelProfile : IBenchmark
{
    private const int Trials = 7;

    public string Name => "logmel-profile";

    public string Description => "where the log-mel time goes per frame, by block size";

    public int Run(string[] args)
    {
        TorchRuntime.Start(1);
        set_num_threads(1);
        var x = SpeechlikeAudio.Generate(16000 * 60, 1);
        using var window = hann_window(400);
        Console.WriteLine($"| block frames | extractor µs/frame | copy-in | torch.stft | power + mel + log (AVX2 lanes: {MelProjection.Vectorised}) | rest (framing, call overhead) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var block in new[] { 32, 64, 128, 256, 512, 1024 })
        {
            var extractor = FeatureExtractors.Create(new FeatureOptions { BlockFrames = block });
            extractor.Compute(x, out int frames);
            double total = double.MaxValue;
            for (int trial = 0; trial < Trials; trial++)
            {
                var clock = Stopwatch.StartNew();
                extractor.Compute(x, out _);
                total = Math.Min(total, clock.Elapsed.TotalMilliseconds * 1000 / frames);
            }

            int length = (block - 1) * 160 + 400, reps = Math.Max(8, 20_000 / block);
            var segment = x.AsSpan(0, length).ToArray();
            var projection = new MelProjection(MelFilterbank.Create(16000, 400, 64, 0, 8000), 1e-10f);
            var rows = new float[block * 64];
            double copy = double.MaxValue, transform = double.MaxValue, project = double.MaxValue;
            for (int trial = 0; trial < Trials; trial++)
            {
                long copyTicks = 0, transformTicks = 0, projectTicks = 0;
                for (int r = 0; r < reps; r++)
                {
                    using var scope = NewDisposeScope();
                    long a = Stopwatch.GetTimestamp();
                    var signal = empty(length);
                    segment.AsSpan().CopyTo(MemoryMarshal.Cast<byte, float>(signal.bytes));
                    long b = Stopwatch.GetTimestamp();
                    var spectrum = view_as_real(stft(signal, 400, 160, 400, window, center: false, onesided: true, return_complex: true).t()).contiguous();
                    long c = Stopwatch.GetTimestamp();
                    projection.Project(MemoryMarshal.Cast<byte, float>(spectrum.bytes), block, rows);
                    long d = Stopwatch.GetTimestamp();
                    copyTicks += b - a;
                    transformTicks += c - b;
                    projectTicks += d - c;
                }
                double PerFrame(long ticks) => ticks * 1e6 / Stopwatch.Frequency / ((double)reps * block);
                copy = Math.Min(copy, PerFrame(copyTicks));
                transform = Math.Min(transform, PerFrame(transformTicks));
                project = Math.Min(project, PerFrame(projectTicks));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {block} | {total:F3} | {copy:F3} | {transform:F3} | {project:F3} | {total - copy - transform - project:F3} |"));
        }
        return 0;
    }
}
