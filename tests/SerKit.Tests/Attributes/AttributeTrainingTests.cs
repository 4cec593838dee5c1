using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using SerKit.Training;
using Xunit.Abstractions;

namespace SerKit.Tests.Attributes;

/// <summary>Attribute regression and DeepEmoCluster on a toy corpus whose tones carry the attributes in their loudness and pitch.</summary>
[Collection(TorchTrainingCollection.Name)]
public class AttributeTrainingTests(ITestOutputHelper output)
{
    private static AttributeTrainingRequest Request(Manifest train, Manifest valid, string dir, long seed, int epochs) => new(train, valid, dir)
    {
        Encoder = ToneCorpus.TinyEncoder,
        Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
        Options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 8, Seed = seed, Patience = 0, LearningRate = 2e-3, Windows = new ScoringWindows { WindowFrames = 80, HopFrames = 40 },
        },
    };

    private static (Manifest Train, Manifest Valid, Manifest Unlabelled, string Dir) Corpus()
    {
        var dir = RepoPaths.NewTempFolder();
        return (Manifest.Load(AttributeToneCorpus.Write(dir, "train", 40, seed: 1)), Manifest.Load(AttributeToneCorpus.Write(dir, "valid", 16, seed: 2)),
            Manifest.Load(AttributeToneCorpus.Write(dir, "unlabelled", 40, seed: 3)), dir);
    }

    private void Print(AttributeTrainingOutcome o)
    {
        foreach (var r in o.Log)
            output.WriteLine($"{r.Epoch}: loss {r.TrainLoss:0.000} (CCC {r.CccLoss:0.000}, cluster {r.ClusterLoss:0.000}) valid mean CCC {r.ValidMeanCcc:0.000} "
                + $"[{string.Join(", ", r.ValidCcc.Select(c => c.ToString("0.00")))}] inertia {r.KMeansInertia:0.00} reseeded {r.ReseededClusters}");
    }

    [Theory]
    [InlineData(40, 8, 5)]
    [InlineData(41, 8, 5)]    // a last batch of one joins the one before
    [InlineData(42, 8, 6)]
    [InlineData(120, 32, 4)]
    [InlineData(1, 32, 1)]
    public void AnEpochTakesOneStepPerLabelledBatch(int labelled, int batch, int steps) =>
        Assert.Equal(steps, AttributeTrainer.StepsPerEpoch(labelled, batch));

    [Fact]
    public void SplittingTheUnlabelledShareOverPassesGivesTheSameTraining()
    {
        // 40 unlabelled utterances over 5 steps: 8 per step in one pass, or in passes of 3 (3 + 3 + 2) whose gradients add up.
        var (train, valid, unlabelled, dir) = Corpus();
        AttributeTrainingOutcome Train(string name, int? perForward) => AttributeTraining.Run(Request(train, valid, Path.Combine(dir, name), 0, 2) with
        {
            Encoder = ToneCorpus.TinyEncoder with { Dropout = 0, HeadDropout = 0 },
            Clustering = new DeepEmoClusterOptions { Clusters = 4, UnlabelledPerForward = perForward },
            Unlabelled = unlabelled,
        });
        var whole = Train("whole", null);
        foreach (var (name, perForward) in new[] { ("split", 3), ("single", 1) })
        {
            var split = Train(name, perForward);
            for (int e = 0; e < 2; e++)
            {
                output.WriteLine($"{name} epoch {e + 1}: loss {whole.Log[e].TrainLoss:0.000000} vs {split.Log[e].TrainLoss:0.000000}, valid CCC {whole.Log[e].ValidMeanCcc:0.000000} vs {split.Log[e].ValidMeanCcc:0.000000}");
                Assert.Equal(whole.Log[e].TrainLoss, split.Log[e].TrainLoss, 4);
                Assert.Equal(whole.Log[e].ClusterLoss!.Value, split.Log[e].ClusterLoss!.Value, 4);
                Assert.Equal(whole.Log[e].ValidMeanCcc, split.Log[e].ValidMeanCcc, 3);
            }
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DeepEmoClusterLowersTheJointLossAndRaisesTheCcc()
    {
        var (train, valid, unlabelled, dir) = Corpus();
        var model = Path.Combine(dir, "dec");
        var outcome = AttributeTraining.Run(Request(train, valid, model, 0, 10) with
        {
            Clustering = new DeepEmoClusterOptions { Clusters = 4 }, Unlabelled = unlabelled, Test = valid,
        });
        Print(outcome);
        var log = outcome.Log;
        Assert.Equal(10, log.Count);
        Assert.All(log, r => Assert.NotNull(r.ClusterLoss));
        Assert.True(log.TakeLast(2).Average(r => r.TrainLoss) < log.Take(2).Average(r => r.TrainLoss) - 0.3, "the joint loss did not decrease");
        Assert.True(log[^1].CccLoss < log[0].CccLoss - 0.3);
        Assert.True(outcome.BestValidMeanCcc > log[0].ValidMeanCcc + 0.2 && outcome.BestValidMeanCcc > 0.8, $"best validation mean CCC {outcome.BestValidMeanCcc:0.000}");
        Assert.Equal(outcome.BestValidMeanCcc, log[outcome.KeptEpoch - 1].ValidMeanCcc);

        // The model folder: a regression head with the training statistics, a cluster head, clusters and their table.
        var config = ModelConfig.Read(Path.Combine(model, "config.json"));
        Assert.Equal(["attributes", "cluster"], config.Heads.Select(h => h.Name));
        Assert.True(config.Heads[0].IsRegression);
        var rated = AttributeTable.Read(train, EmotionalAttributes.Default);
        Assert.Equal(rated.Rated.Average(id => rated[id][0]), config.Heads[0].TargetMean![0], 9);
        Assert.Equal(["c0", "c1", "c2", "c3"], config.Heads[1].Classes);
        Assert.Equal(5, config.Training!["steps_per_epoch"]!.GetValue<int>());
        Assert.Equal(80, File.ReadAllLines(Path.Combine(model, AttributeTraining.ClusterAssignmentsFile)).Length - 1);
        Assert.Equal(4, EmbeddingClusters.Read(Path.Combine(model, EmbeddingClusters.FileName)).Count);
        var table = ClusterAttributeTable.ReadJson(Path.Combine(model, ClusterAttributeTable.JsonFile));
        Assert.Equal(40, table.Num);
        Assert.Equal(40, table.Rows.Sum(r => r.Size));
        output.WriteLine(table.ToMarkdown());
        PngFile.Size(Path.Combine(model, ClusterAttributeTable.PlotFile));
        Assert.Equal(["epoch", "train_loss", "ccc_loss", "cluster_loss", "valid_mean_ccc", "valid_ccc_arousal", "valid_ccc_valence", "valid_ccc_dominance", "kmeans_inertia", "reseeded_clusters", "seconds"],
            File.ReadLines(Path.Combine(model, "train_log.csv")).First().Split(','));

        // The test results equal a later evaluation of the saved model; a classifier refuses the regression head.
        var test = AttributeResultsFiles.ReadResultsJson(Path.Combine(model, "test", "results.json"));
        Assert.Equal(outcome.Test!.Ccc, test.Metrics.Ccc);
        var again = AttributeEvaluation.WriteResults(model, valid, Path.Combine(dir, "eval"), new FeatureInput(), new EvaluationInfo("manifest", false, null, 0));
        Assert.Equal(test.Metrics.Ccc, again.Metrics.Ccc);
        Assert.Equal(File.ReadAllBytes(Path.Combine(model, "test", "predictions.csv")), File.ReadAllBytes(Path.Combine(dir, "eval", "predictions.csv")));
        Assert.Equal(outcome.BestValidMeanCcc, again.Metrics.MeanCcc, 6); // the test manifest is the validation set here
        Assert.Contains("continuous values", Assert.Throws<InvalidDataException>(() => SerClassifier.Load(model)).Message);
    }

    [Fact]
    public void TheRegressorAloneLearnsToo()
    {
        var (train, valid, _, dir) = Corpus();
        var outcome = AttributeTraining.Run(Request(train, valid, Path.Combine(dir, "reg"), 0, 8));
        Print(outcome);
        Assert.All(outcome.Log, r => Assert.Null(r.ClusterLoss));
        Assert.True(outcome.Log[^1].TrainLoss < outcome.Log[0].TrainLoss - 0.3);
        Assert.True(outcome.BestValidMeanCcc > 0.8, $"best validation mean CCC {outcome.BestValidMeanCcc:0.000}");
        Assert.Null(outcome.Clusters);
        Assert.False(File.Exists(Path.Combine(outcome.ModelDirectory, EmbeddingClusters.FileName)));
        Assert.Single(ModelConfig.Read(Path.Combine(outcome.ModelDirectory, "config.json")).Heads);
    }

    [Fact]
    public void SameSeedSameWeightsAndTheUnlabelledRatingsAreNeverRead()
    {
        var (train, valid, unlabelled, dir) = Corpus();
        // The same unlabelled audio without its attribute columns.
        var bare = Manifest.Load(AttributeToneCorpus.Write(dir, "unlabelled", 40, seed: 3, withAttributes: false) is var p ? p : p);
        Assert.Throws<ManifestException>(() => AttributeTable.Read(bare, EmotionalAttributes.Default));
        byte[] Run(string name, long seed, Manifest u, int epochs = 3, bool resume = false) => File.ReadAllBytes(Path.Combine(AttributeTraining.Run(
            Request(train, valid, Path.Combine(dir, name), seed, epochs) with { Clustering = new DeepEmoClusterOptions { Clusters = 3 }, Unlabelled = u, Resume = resume }).ModelDirectory,
            "model.safetensors"));
        var a = Run("a", 5, unlabelled);
        var b = Run("b", 5, bare);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Run("c", 6, unlabelled));

        // Two epochs, then resumed to three, end with the weights and log of the uninterrupted run.
        Run("r", 5, unlabelled, epochs: 2);
        var resumed = Run("r", 5, unlabelled, epochs: 3, resume: true);
        Assert.Equal(a, resumed);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "a", "train_log.csv")).Select(l => l[..l.LastIndexOf(',')]),
            File.ReadAllLines(Path.Combine(dir, "r", "train_log.csv")).Select(l => l[..l.LastIndexOf(',')]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "clusters.json")), File.ReadAllBytes(Path.Combine(dir, "r", "clusters.json")));
        // Resuming a finished run rewrites the same files.
        Assert.Equal(a, Run("a", 5, unlabelled, resume: true));
        // Another folder's checkpoint or other data is refused.
        Assert.Throws<ArgumentException>(() => Run("r", 6, unlabelled, epochs: 4, resume: true));
        Assert.Throws<IOException>(() => Run("a", 5, unlabelled));
    }
}
