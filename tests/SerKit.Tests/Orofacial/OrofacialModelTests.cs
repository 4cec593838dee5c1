using SerKit.IO;
using SerKit.Modeling;
using SerKit.Orofacial;
using SerKit.Runtime;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Modeling;
using SerKit.Tests.Training;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Tests.Orofacial;

/// <summary>The orofacial network and trainer: padding does not change outputs, same seed gives the same weights, resume equals an uninterrupted run.</summary>
[Collection(TorchTrainingCollection.Name)]
public class OrofacialModelTests
{
    private static OrofacialConfig Config(int inputDim = 6) => new()
    {
        InputDim = inputDim, ConvKernel = 3, ConvChannels = 8, LstmHidden = 8, LstmLayers = 2, Dropout = 0.2,
        EmotionClasses = ["low", "high"], Visemes = VisemeSource.Alignments, VisemeClasses = VisemeMap.Classes,
    };

    [Fact]
    public void APaddedBatchGivesEveryUtteranceItsOwnOutputs()
    {
        TorchRuntime.Start(1);
        using var model = TorchRuntime.Seeded(1, () => new OrofacialModel(Config()));
        model.eval();
        var g = new Random(4);
        var a = Enumerable.Range(0, 50 * 6).Select(_ => (float)g.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 30 * 6).Select(_ => (float)g.NextDouble()).ToArray();
        var padded = new float[2 * 50 * 6];
        a.CopyTo(padded, 0);
        b.CopyTo(padded, 50 * 6);
        for (int i = 50 * 6 + 30 * 6; i < padded.Length; i++) padded[i] = 1000; // garbage after b's end must not leak in
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var lengths = tensor(new long[] { 50, 30 });
        var states = model.call(tensor(padded, [2, 50, 6]), lengths);
        var aloneLengths = tensor(new long[] { 30 });
        var alone = model.call(tensor(b, [1, 30, 6]), aloneLengths);
        Assert.True(model.Landmarks(states)[1, ..30].allclose(model.Landmarks(alone)[0], rtol: 0, atol: 1e-5));
        Assert.True(model.VisemeLogits(states)[1, ..30].allclose(model.VisemeLogits(alone)[0], rtol: 0, atol: 1e-5));
        Assert.True(model.EmotionLogits(states, lengths)[1].allclose(model.EmotionLogits(alone, aloneLengths)[0], rtol: 0, atol: 1e-5));
        Assert.Equal(new long[] { 2, 50, OrofacialPoints.Outputs }, model.Landmarks(states).shape);
        // Every weight carries a PyTorch name.
        var names = model.state_dict().Keys.ToArray();
        Assert.Contains("lstm.weight_ih_l1_reverse", names);
        Assert.Contains("frontend.layers.1.weight", names);
        Assert.Contains("landmarks.weight", names);
        Assert.Contains("target_std", names);
    }

    /// <summary>Utterances whose lower lip follows the first feature dimension (with a one-frame lag), and whose emotion is the level of the second.</summary>
    private static (List<OrofacialExample> Train, List<OrofacialExample> Valid, MemoryFeatureSource Features) Data()
    {
        var features = new MemoryFeatureSource(6);
        var g = new Random(9);
        var all = new List<OrofacialExample>();
        for (int u = 0; u < 12; u++)
        {
            int frames = 40 + 7 * u;
            var f = new float[frames * 6];
            var shapes = new float[frames * LandmarkTrajectory.Width];
            var valid = new bool[frames];
            var visemes = new int[frames];
            double level = u % 2;
            for (int t = 0; t < frames; t++)
            {
                for (int d = 0; d < 6; d++) f[t * 6 + d] = (float)g.NextDouble();
                f[t * 6 + 1] += (float)level;
                valid[t] = t % 13 != 5;
                visemes[t] = f[t * 6] > 0.5 ? 10 : 0;
                if (t > 0) foreach (var p in new[] { 57, 66 }) shapes[t * LandmarkTrajectory.Width + 68 + p] = 0.1f * f[(t - 1) * 6];
            }
            features.Add($"u{u}", f);
            all.Add(new OrofacialExample(new OrofacialUtterance($"u{u}", "s", level > 0 ? "high" : "low", frames, shapes, valid), (int)level, visemes));
        }
        return (all.Take(9).ToList(), all.Skip(9).ToList(), features);
    }

    private static byte[] Train(string dir, int epochs, bool resume, long seed = 21)
    {
        var (train, valid, features) = Data();
        var stats = OrofacialTraining.TargetStatistics(train.Select(e => e.Utterance).ToArray());
        var config = Config() with { TargetMean = stats.Mean, TargetStd = stats.Std };
        var options = new TrainingOptions { Epochs = epochs, BatchSize = 4, LearningRate = 3e-3, Seed = seed, Threads = 1, Patience = 0, Windows = new() { WindowFrames = 60, HopFrames = 30 } };
        using var model = TorchRuntime.Seeded(SeedSequence.Derive(options.Seed, SeedSequence.Stream.Init), () => new OrofacialModel(config));
        model.InputNorm.Set(FeatureNormalization.Identity(6));
        new OrofacialTrainer(model, new OrofacialTaskWeights(0.5, 0.5), options)
            .Run(train, features, valid, features, dir, config, FeatureNormalization.Identity(6), resume);
        return File.ReadAllBytes(Path.Combine(dir, ModelDirectory.WeightsFile));
    }

    [Fact]
    public void TheSameSeedTrainsTheSameWeightsAndAResumedRunEndsAsAnUninterruptedOne()
    {
        var root = RepoPaths.NewTempFolder();
        var full = Train(Path.Combine(root, "full"), 4, resume: false);
        Assert.Equal(full, Train(Path.Combine(root, "again"), 4, resume: false));
        var part = Path.Combine(root, "part");
        Train(part, 2, resume: false);
        Assert.Throws<IOException>(() => Train(part, 4, resume: false));
        Assert.Equal(full, Train(part, 4, resume: true));
        // The same log values, apart from the wall times.
        static IEnumerable<string> Values(string dir) => File.ReadAllLines(Path.Combine(dir, ModelDirectory.TrainLogFile)).Select(l => l[..l.LastIndexOf(',')]);
        Assert.Equal(Values(Path.Combine(root, "full")), Values(part));
        var log = File.ReadAllLines(Path.Combine(part, ModelDirectory.TrainLogFile));
        Assert.Equal(OrofacialTrainLog.Header, log[0]);
        Assert.Equal(5, log.Length);
        // Every task trained and was validated.
        Assert.All(log.Skip(1), l => Assert.DoesNotContain(",,", l));
        var (model, config, _) = OrofacialModelDirectory.Load(Path.Combine(root, "full"));
        using (model)
        {
            Assert.Equal("emotion_viseme", config.Variant);
            Assert.Equal(4, config.Training!["epochs_run"]!.GetValue<int>());
        }
        var (weights, _) = SafeTensorsBundle.Read(Path.Combine(root, "full", ModelDirectory.WeightsFile));
        Assert.Contains("emotion.weight", weights.Keys);
        // A checkpoint written with other settings is refused; another seed trains other weights.
        var e = Assert.Throws<ArgumentException>(() => Train(part, 5, resume: true, seed: 22));
        Assert.Contains("other settings or data", e.Message);
        Assert.NotEqual(full, Train(Path.Combine(root, "seed22"), 4, resume: false, seed: 22));
    }
}
