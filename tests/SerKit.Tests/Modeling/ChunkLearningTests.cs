using SerKit.Corpus;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using SerKit.Training;

namespace SerKit.Tests.Modeling;

/// <summary>
/// The chunk-level model learns a task whose evidence sits in one part of the utterance. Each utterance is
/// 200–400 frames of 4-dimensional unit Gaussian noise with one burst of one chunk length (50 frames) at a random
/// offset; the burst type is the label: dims 0 and 1 move together (+a, +a for the first half of the burst, then
/// −a, −a), against each other (+a, −a, then −a, +a), or dims 2 and 3 move together. Every burst adds zero to the
/// utterance mean, so a classifier of the mean features stays near chance (1/3); the chunk model must find the
/// burst's chunk and read the frame pattern inside it.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class ChunkLearningTests
{
    private const int Dim = 4, ChunkFrames = 50, Classes = 3;
    private const float Amplitude = 1.5f;

    [Theory]
    [MemberData(nameof(ModelTestData.ChunkVariants), MemberType = typeof(ModelTestData))]
    public void TheChunkModelFindsALocalBurstThatTheMeanFeaturesDoNotShow(string encoder, string aggregation)
    {
        var (train, trainSource) = Corpus("train", 150, seed: 1);
        var (valid, validSource) = Corpus("valid", 45, seed: 2);
        var (test, testSource) = Corpus("test", 90, seed: 4);

        var config = new EncoderConfig
        {
            InputDim = Dim, Width = 32, Heads = 4, FeedForward = 64, PoolingDim = 16, Dropout = 0, HeadDropout = 0,
            Kind = "chunk", Chunk = new ChunkSettings { Frames = ChunkFrames, Encoder = encoder, Aggregation = aggregation },
        }.WithChunksFor(400);
        Assert.Equal(8, config.Chunk.Chunks);
        var classes = new[] { "together01", "against01", "together23" };
        var heads = new[] { new HeadSpec("ser", classes) };
        int epochs = encoder == "lstm" ? 16 : 8; // the LSTM's last output learns more slowly to carry the burst
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 16, LearningRate = 3e-3, GradientClip = 1, Seed = 3, Patience = 0 };
        using var model = SerKit.Runtime.TorchRuntime.Seeded(SeedSequence.Derive(options.Seed, SeedSequence.Stream.Init), () => new SerModel(config, heads));
        var outcome = new Trainer(model, [new TaskSpec("ser", classes)], options).Run("finetune", new TrainingSet(train, trainSource), new TrainingSet(valid, validSource),
            Path.Combine(RepoPaths.NewTempFolder(), "model"), new ModelConfig { Encoder = config, Heads = heads }, FeatureNormalization.Identity(Dim), resume: false);
        Assert.Equal(epochs, outcome.EpochsRun);

        var posteriors = WindowedScoring.Posteriors(model, "ser", testSource, test.Select(e => e.Id).ToArray(), new ScoringWindows());
        double accuracy = test.Select((e, i) => ArgMax(posteriors[i]) == e.Labels[0]).Average(ok => ok ? 1.0 : 0.0);
        double meanBaseline = NearestCentroidOnMeanFeatures(train, trainSource, test, testSource);
        Assert.True(meanBaseline < 0.5, $"the mean features tell the bursts apart ({meanBaseline:P0}); the task would not need the chunks");
        Assert.True(accuracy > 0.8, $"{encoder}/{aggregation}: test accuracy {accuracy:P0} (mean-feature baseline {meanBaseline:P0}, chance 33%)");
    }

    [Fact]
    public void TheSameSeedTrainsTheSameChunkModelBitForBit()
    {
        var (train, source) = Corpus("train", 40, seed: 5);
        var config = new EncoderConfig
        {
            InputDim = Dim, Width = 32, Heads = 4, FeedForward = 64, PoolingDim = 16, Dropout = 0.2, // dropout on: its masks must repeat too
            Kind = "chunk", Chunk = new ChunkSettings { Frames = ChunkFrames, Encoder = "lstm", Aggregation = "self_attention" },
        }.WithChunksFor(400);
        var classes = new[] { "together01", "against01", "together23" };
        var heads = new[] { new HeadSpec("ser", classes) };
        byte[] Train(long seed)
        {
            var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = seed, Patience = 0 };
            using var model = SerKit.Runtime.TorchRuntime.Seeded(SeedSequence.Derive(seed, SeedSequence.Stream.Init), () => new SerModel(config, heads));
            var dir = Path.Combine(RepoPaths.NewTempFolder(), "model");
            new Trainer(model, [new TaskSpec("ser", classes)], options).Run("finetune", new TrainingSet(train, source), null, dir,
                new ModelConfig { Encoder = config, Heads = heads }, FeatureNormalization.Identity(Dim), resume: false);
            return File.ReadAllBytes(Path.Combine(dir, ModelDirectory.WeightsFile));
        }
        var first = Train(7);
        Assert.Equal(first, Train(7));
        Assert.NotEqual(first, Train(8));
    }

    private static (TrainingExample[] Examples, MemoryFeatureSource Source) Corpus(string prefix, int count, int seed)
    {
        var g = new SplitMix64((ulong)seed);
        double Uniform() => ((g.Next() >> 11) + 0.5) * (1.0 / (1UL << 53));
        float Gaussian() => (float)(Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform()));
        var source = new MemoryFeatureSource(Dim);
        var examples = new TrainingExample[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % Classes;
            int frames = 200 + (int)(Uniform() * 201);
            int start = (int)(Uniform() * (frames - ChunkFrames + 1));
            var x = new float[frames * Dim];
            for (int k = 0; k < x.Length; k++) x[k] = Gaussian();
            for (int t = start; t < start + ChunkFrames; t++)
            {
                float s = t - start < ChunkFrames / 2 ? Amplitude : -Amplitude;
                var (a, b, sign) = label switch { 0 => (0, 1, 1), 1 => (0, 1, -1), _ => (2, 3, 1) };
                x[t * Dim + a] += s;
                x[t * Dim + b] += sign * s;
            }
            var id = $"{prefix}{i:D3}";
            source.Add(id, x);
            examples[i] = new TrainingExample(id, [label]);
        }
        return (examples, source);
    }

    /// <summary>Accuracy on the test set of the nearest class centroid of the utterance-mean feature vectors.</summary>
    private static double NearestCentroidOnMeanFeatures(TrainingExample[] train, IFeatureSource trainSource, TrainingExample[] test, IFeatureSource testSource)
    {
        double[] Mean(IFeatureSource s, string id)
        {
            var x = s.Load(id, out int frames);
            var m = new double[Dim];
            for (int k = 0; k < x.Length; k++) m[k % Dim] += x[k] / frames;
            return m;
        }
        var centroids = Enumerable.Range(0, Classes).Select(c =>
        {
            var members = train.Where(e => e.Labels[0] == c).Select(e => Mean(trainSource, e.Id)).ToArray();
            return Enumerable.Range(0, Dim).Select(d => members.Average(m => m[d])).ToArray();
        }).ToArray();
        return test.Average(e =>
        {
            var m = Mean(testSource, e.Id);
            int nearest = Enumerable.Range(0, Classes).MinBy(c => centroids[c].Zip(m, (p, q) => (p - q) * (p - q)).Sum());
            return nearest == e.Labels[0] ? 1.0 : 0.0;
        });
    }

    private static int ArgMax(float[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
