using System.Diagnostics;
using System.Globalization;
using SerKit.Audio;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Synthetic;

namespace SerKit.Bench;

/// <summary>
/// Inference time per utterance of every chunk-level model (LSTM or CNN chunk encoder × mean, gated attention or
/// self-attention aggregation; 5 chunks of 100 frames, width 128) beside the default transformer encoder, for 3 s and
/// 10 s utterances of the synthetic voice on one libtorch thread: <see cref="SerClassifier.ClassifyFeatures"/>
/// (standardisation, network, softmax; the transformer in its 3 s windows, the chunk models on the whole utterance),
/// log-mel computed beforehand. Median and 95th percentile over <c>--runs</c> calls after 20 warm-up calls; the
/// models are interleaved round by round so that a change in the machine's load affects them alike.
/// </summary>
public sealed class ChunkInferenceBenchmark : IBenchmark
{
    public string Name => "chunk-inference";
    public string Description => "inference ms per 3 s and 10 s utterance: chunk models (lstm/cnn x mean/gated/self-attention) beside the transformer, one thread";

    public int Run(string[] args)
    {
        int runs = ChildProcess.Option(args, "--runs", 100);
        TorchRuntime.Start(1);
        var work = Path.Combine(Path.GetTempPath(), "serkit-bench-chunks-" + Environment.ProcessId);
        var settings = new List<(string Label, EncoderConfig Config)> { ("transformer (default)", new EncoderConfig()) };
        foreach (var encoder in ChunkSettings.Encoders)
            foreach (var aggregation in ChunkSettings.Aggregations)
                settings.Add(($"chunk {encoder} + {aggregation}", new EncoderConfig
                {
                    Kind = "chunk", Chunk = new ChunkSettings { Frames = 100, Chunks = 5, Encoder = encoder, Aggregation = aggregation },
                }));
        var classifiers = new List<SerClassifier>();
        try
        {
            for (int i = 0; i < settings.Count; i++)
            {
                var dir = Path.Combine(work, $"model{i}");
                using (var model = TorchRuntime.Seeded(i, () => new SerModel(settings[i].Config, [new HeadSpec("ser", EmotionProsody.Classes.ToArray())])))
                    ModelDirectory.Save(dir, model, new ModelConfig { Encoder = model.Config, Heads = model.Heads }, FeatureNormalization.Identity(64));
                classifiers.Add(SerClassifier.Load(dir, threads: 1));
            }
            var extractor = FeatureExtractors.Create(classifiers[0].Config.Features.ToOptions());
            var voice = EmotionProsody.Apply(new VoiceParameters { F0 = 180 }, "HAP");
            var utterances = new[] { 3.0, 10.0 }.Select(seconds =>
            {
                var samples = new VoiceSynthesizer().Render(voice, seconds, 1);
                Array.Resize(ref samples, (int)(seconds * 16000));
                var features = extractor.Compute(samples, out int frames);
                return (Seconds: seconds, Features: features, Frames: frames);
            }).ToArray();

            Console.WriteLine($"one libtorch thread; {runs} timed calls per model and length after 20 warm-up calls, models interleaved; "
                              + $"{Environment.ProcessorCount} cores; load average before: {TrainThroughputBenchmark.LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("| encoder | parameters | 3 s median | 3 s p95 | 10 s median | 10 s p95 | windows (3 s / 10 s) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            var times = new double[settings.Count, utterances.Length, runs];
            for (int u = 0; u < utterances.Length; u++)
            {
                var (_, features, frames) = utterances[u];
                for (int w = 0; w < 20; w++)
                    foreach (var c in classifiers) c.ClassifyFeatures(features, frames);
                for (int r = 0; r < runs; r++)
                    for (int i = 0; i < classifiers.Count; i++)
                    {
                        var clock = Stopwatch.StartNew();
                        classifiers[i].ClassifyFeatures(features, frames);
                        times[i, u, r] = clock.Elapsed.TotalMilliseconds;
                    }
            }
            for (int i = 0; i < settings.Count; i++)
            {
                var cells = new List<string>();
                for (int u = 0; u < utterances.Length; u++)
                {
                    var sorted = Enumerable.Range(0, runs).Select(r => times[i, u, r]).Order().ToArray();
                    cells.Add(string.Create(CultureInfo.InvariantCulture, $"{sorted[runs / 2]:0.00} ms"));
                    cells.Add(string.Create(CultureInfo.InvariantCulture, $"{sorted[(int)Math.Ceiling(0.95 * runs) - 1]:0.00} ms"));
                }
                long parameters = classifiers[i].Model.parameters().Sum(p => p.numel());
                var windows = string.Join(" / ", utterances.Select(x => classifiers[i].ClassifyFeatures(x.Features, x.Frames).Windows));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {settings[i].Label} | {parameters / 1e6:0.00} M | {string.Join(" | ", cells)} | {windows} |"));
            }
            Console.WriteLine();
            Console.WriteLine($"load average after: {TrainThroughputBenchmark.LoadAverage()}");
        }
        finally
        {
            foreach (var c in classifiers) c.Dispose();
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        return 0;
    }
}
