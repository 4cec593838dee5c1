using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using SerKit.Training;
using Xunit.Abstractions;

namespace SerKit.Tests.Attributes;

[Collection(TorchTrainingCollection.Name)]
public class AttributeTrainingTests(ITestOutputHelper output)
{
    private static AttributeTrainingRequest Request(Manifest train, Manifest valid, string dir, long seed, int epochs) => new(train, valid, dir)
    {
        Encoder = ToneCorpus.TinyEncoder,
        Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
        Options = new TrainingOptions { Epochs = epochs, BatchSize = 8, Seed = seed, Patience = 0, LearningRate = 2e-3, Windows = new ScoringWindows { WindowFrames = 80, HopFrames = 40 } },
    };

    [Fact]
    public void DeepEmoClusterLearnsTheAttributes()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = Manifest.Load(AttributeToneCorpus.Write(dir, "train", 48, seed: 1));
        var valid = Manifest.Load(AttributeToneCorpus.Write(dir, "valid", 16, seed: 2));
        var unlabelled = Manifest.Load(AttributeToneCorpus.Write(dir, "unlabelled", 48, seed: 3));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = AttributeTraining.Run(Request(train, valid, Path.Combine(dir, "m"), 0, 12) with
        {
            Clustering = new DeepEmoClusterOptions { Clusters = 4 }, Unlabelled = unlabelled, Test = valid,
        });
        foreach (var r in outcome.Log) output.WriteLine($"{r.Epoch}: loss {r.TrainLoss:0.000} ccc {r.CccLoss:0.000} cluster {r.ClusterLoss:0.000} valid {r.ValidMeanCcc:0.000} [{string.Join(", ", r.ValidCcc.Select(c => c.ToString("0.00")))}] inertia {r.KMeansInertia:0.0} ({r.Seconds:0.0} s)");
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
