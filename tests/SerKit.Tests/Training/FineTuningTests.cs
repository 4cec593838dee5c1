using SerKit.Corpus;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Training;

[Collection(TorchTrainingCollection.Name)]
public class FineTuningTests
{
    [Fact]
    public void ATinyModelLearnsToTellTwoTonesApart()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = Manifest.Load(ToneCorpus.Write(dir, "train", 40, 0.4, 0.9, seed: 1));
        var valid = Manifest.Load(ToneCorpus.Write(dir, "valid", 12, 0.4, 0.9, seed: 2));
        var test = Manifest.Load(ToneCorpus.Write(dir, "test", 20, 0.4, 4.0, seed: 3)); // some longer than the 3 s window
        var outcome = FineTuning.Run(new FineTuningRequest(train, valid, Path.Combine(dir, "model"))
        {
            Encoder = ToneCorpus.TinyEncoder,
            Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
            Options = new TrainingOptions { Epochs = 6, BatchSize = 8, LearningRate = 3e-3, Seed = 1, Patience = 0 },
        });
        Assert.Equal(6, outcome.EpochsRun);
        Assert.True(outcome.Log[^1].TrainLoss < outcome.Log[0].TrainLoss, "training loss did not fall");

        using var classifier = SerClassifier.Load(outcome.ModelDirectory);
        Assert.Equal(new[] { "HIGH", "LOW" }, classifier.Classes);
        var source = new FeatureInput { Settings = classifier.Config.Features, CacheBytes = 0 }.For(test);
        var (metrics, predictions, skipped) = ModelEvaluation.Run(classifier, test, source);
        Assert.Equal(0, skipped);
        Assert.Equal(20, predictions.Count);
        Assert.True(metrics.WA > 0.9, $"accuracy on held-out tones {metrics.WA:P0}");
        foreach (var p in predictions) Assert.Equal(1.0, p.Scores.Sum(), 4);

        // The files a model folder must hold, with the log of every epoch.
        foreach (var f in new[] { "config.json", "model.safetensors", "normalization.json", "train_log.csv" })
            Assert.True(File.Exists(Path.Combine(outcome.ModelDirectory, f)), f);
        var log = File.ReadAllLines(Path.Combine(outcome.ModelDirectory, "train_log.csv"));
        Assert.StartsWith("epoch,train_loss,valid_loss,valid_macro_f1,", log[0]);
        Assert.Equal(7, log.Length);
    }
}
