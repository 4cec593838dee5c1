using SerKit.Corpus;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Tests.Training;

[Collection(TorchTrainingCollection.Name)]
public class DeterminismTests
{
    [Fact]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedDoesNot()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = Manifest.Load(ToneCorpus.Write(dir, "train", 16, 0.3, 3.5, seed: 5));
        var valid = Manifest.Load(ToneCorpus.Write(dir, "valid", 6, 0.3, 0.6, seed: 6));
        string Run(string name, long seed)
        {
            var outcome = FineTuning.Run(new FineTuningRequest(train, valid, Path.Combine(dir, name))
            {
                Encoder = ToneCorpus.TinyEncoder, Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
                Options = new TrainingOptions { Epochs = 2, BatchSize = 4, Seed = seed, Patience = 0, Windows = new ScoringWindows { WindowFrames = 120, HopFrames = 60 } },
            });
            return outcome.ModelDirectory;
        }
        var a = Run("a", 3);
        var b = Run("b", 3);
        var c = Run("c", 4);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "model.safetensors")), File.ReadAllBytes(Path.Combine(b, "model.safetensors")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "normalization.json")), File.ReadAllBytes(Path.Combine(b, "normalization.json")));
        Assert.Equal(Losses(a), Losses(b));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "model.safetensors")), File.ReadAllBytes(Path.Combine(c, "model.safetensors")));
    }

    [Fact]
    public void ParallelRunsInOneProcessGiveTheWeightsOfSequentialRuns()
    {
        // libtorch's generator is process-wide: runs trained side by side (as `serkit demo` does) must not
        // draw from each other's stream when they build their models.
        var dir = RepoPaths.NewTempFolder();
        var train = Manifest.Load(ToneCorpus.Write(dir, "train", 8, 0.3, 0.8, seed: 11));
        var valid = Manifest.Load(ToneCorpus.Write(dir, "valid", 4, 0.3, 0.6, seed: 12));
        string? encoder = null;
        byte[] Run(string name, long seed, bool fromEncoder) => File.ReadAllBytes(Path.Combine(FineTuning.Run(new FineTuningRequest(train, valid, Path.Combine(dir, name))
        {
            EncoderDirectory = fromEncoder ? encoder : null,
            Encoder = ToneCorpus.TinyEncoder, Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
            Options = new TrainingOptions { Epochs = 2, BatchSize = 4, Seed = seed, Patience = 0, Windows = new ScoringWindows { WindowFrames = 120, HopFrames = 60 } },
        }).ModelDirectory, "model.safetensors"));
        // Runs from scratch with two seeds, and a run that loads a trained encoder (loading builds a model too).
        var sequential = new[] { Run("s0", 0, false), Run("s1", 1, false), Array.Empty<byte>() };
        encoder = Path.Combine(dir, "s0");
        sequential[2] = Run("e0", 0, true);
        var parallel = new byte[12][];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Run($"p{i}", i % 3 == 1 ? 1 : 0, i % 3 == 2));
        for (int i = 0; i < parallel.Length; i++) Assert.Equal(sequential[i % 3], parallel[i]);
    }

    [Fact]
    public void AModelFolderAndACheckpointRoundTrip()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = Manifest.Load(ToneCorpus.Write(dir, "train", 8, 0.3, 0.5, seed: 7));
        var outcome = FineTuning.Run(new FineTuningRequest(train, train, Path.Combine(dir, "m"))
        {
            Encoder = ToneCorpus.TinyEncoder with { Positions = "learned", NormFirst = false },
            Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
            Options = new TrainingOptions { Epochs = 2, BatchSize = 4, Seed = 1, Patience = 0 },
        });
        var (model, config, normalization) = ModelDirectory.Load(outcome.ModelDirectory);
        using (model)
        {
            Assert.Equal("learned", config.Encoder.Positions);
            Assert.Equal(new[] { "HIGH", "LOW" }, config.Heads.Single().Classes);
            Assert.Equal(32, normalization.Mean.Length);
            // The normalisation is in the weights too.
            Assert.Equal(normalization.Mean, model.state_dict()["input_norm.mean"].data<float>().ToArray());
            var (saved, meta) = SafeTensorsBundle.Read(Path.Combine(outcome.ModelDirectory, "model.safetensors"));
            Assert.Equal("pt", meta["format"]);
            foreach (var (name, w) in ModelWeights.Export(model)) Assert.Equal(saved[name].Data, w.Data);

            var checkpoint = TrainingCheckpoint.TryRead(outcome.ModelDirectory)!;
            Assert.Equal(2, checkpoint.EpochsDone);
            Assert.Equal(2, checkpoint.Log.Count);
            Assert.Equal(outcome.KeptEpoch, checkpoint.BestEpoch);
            Assert.All(checkpoint.AdamSteps.Values, s => Assert.Equal(4, s)); // 2 epochs × 2 batches
            Assert.Equal(saved.Keys.Order(), checkpoint.BestWeights!.Keys.Order());
            foreach (var (name, w) in checkpoint.BestWeights!) Assert.Equal(saved[name].Data, w.Data);
        }

        // Without --resume, an existing model is never overwritten.
        var again = Assert.Throws<IOException>(() => FineTuning.Run(new FineTuningRequest(train, train, Path.Combine(dir, "m"))
        {
            Encoder = ToneCorpus.TinyEncoder, Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
            Options = new TrainingOptions { Epochs = 2, BatchSize = 4 },
        }));
        Assert.Contains("--resume", again.Message);
    }

    private static string[] Losses(string modelDir) =>
        File.ReadAllLines(Path.Combine(modelDir, "train_log.csv")).Select(l => string.Join(',', l.Split(',')[..^1])).ToArray();
}
