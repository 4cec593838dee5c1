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
/// into libtorch, <c>torch.stft</c>, and SerKit's power / banded mel / log in C#; the rest is framing and
/// per-call overhead.
/// </summary>
internal sealed class LogMelProfile : IBenchmark
{
    public string Name => "logmel-profile";

    public string Description => "Where the log-mel time goes per frame, by block size";

    public int Run(string[] args)
    {
        TorchRuntime.Start(1);
        set_num_threads(1);
        var x = SpeechlikeAudio.Generate(16000 * 60, 1);
        using var window = hann_window(400);
        Console.WriteLine($"| block frames | extractor µs/frame | copy-in µs/frame | torch.stft µs/frame | power + mel + log µs/frame (AVX2 lanes: {MelProjection.Vectorised}) | rest (framing, libtorch call overhead) µs/frame |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var block in new[] { 32, 64, 128, 256, 512, 1024 })
        {
            var extractor = FeatureExtractors.Create(new FeatureOptions { BlockFrames = block });
            extractor.Compute(x, out _);
            var clock = Stopwatch.StartNew();
            long frames = 0;
            for (int r = 0; r < 5; r++)
            {
                extractor.Compute(x, out int f);
                frames += f;
            }
            double total = clock.Elapsed.TotalMilliseconds * 1000 / frames;

            int length = (block - 1) * 160 + 400, reps = Math.Max(20, 200_000 / block);
            var segment = x.AsSpan(0, length).ToArray();
            long copy = 0, transform = 0, project = 0;
            var projection = new MelProjection(MelFilterbank.Create(16000, 400, 64, 0, 8000), 1e-10f);
            var rows = new float[block * 64];
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
                copy += b - a;
                transform += c - b;
                project += d - c;
            }
            double PerFrame(long ticks) => ticks * 1e6 / Stopwatch.Frequency / ((double)reps * block);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {block} | {total:F3} | {PerFrame(copy):F3} | {PerFrame(transform):F3} | {PerFrame(project):F3} | {total - PerFrame(copy) - PerFrame(transform) - PerFrame(project):F3} |"));
        }
        return 0;
    }
}
