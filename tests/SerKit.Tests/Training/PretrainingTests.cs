using SerKit.Corpus;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Tests.Training;

[Collection(TorchTrainingCollection.Name)]
public class PretrainingTests
{
    [Fact]
    public void AFullyMaskedTaskLeavesItsHeadUntouched()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = Manifest.Load(ToneCorpus.Write(dir, "unlabelled", 24, 0.3, 0.6, seed: 4));
        // T1 follows the tone (learnable), T2 is missing for a third of the utterances, T3 for all of them.
        var labels = new PretextLabelSet(["neutral", "happiness", "anger"], manifest.Items.Select((u, i) =>
            new PretextLabels(u.Id, u.Label == "HIGH" ? 1 : 0, i % 3 == 0 ? null : i % 2, null)));
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Seed = 9 };
        var encoder = ToneCorpus.TinyEncoder;
        var features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } };
        var outcome = Pretraining.Run(new PretrainingRequest(manifest, labels, Path.Combine(dir, "model"))
        {
            Encoder = encoder, Options = options, Features = features, Weights = [1, 0.5, 1],
        });

        // The initial weights, rebuilt the way pre-training builds them.
        SerKit.Runtime.TorchRuntime.Start(1);
        manual_seed(SeedSequence.Derive(options.Seed, SeedSequence.Stream.Init));
        using var initial = new SerModel(encoder with { InputDim = 32 }, [new HeadSpec("t1", ["low", "high"]), new HeadSpec("t2", ["low", "high"]), new HeadSpec("t3", labels.T3Classes)]);
        var before = ModelWeights.Export(initial);
        var (after, _) = SafeTensorsBundle.Read(Path.Combine(outcome.ModelDirectory, "model.safetensors"));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(before["heads.t3.weight"].Data, after["heads.t3.weight"].Data);
        Assert.Equal(before["heads.t3.bias"].Data, after["heads.t3.bias"].Data);
        Assert.NotEqual(before["heads.t1.weight"].Data, after["heads.t1.weight"].Data);
        Assert.NotEqual(before["heads.t2.weight"].Data, after["heads.t2.weight"].Data);
        Assert.NotEqual(before["encoder.layers.0.linear1.weight"].Data, after["encoder.layers.0.linear1.weight"].Data);

        var config = ModelConfig.Read(Path.Combine(outcome.ModelDirectory, "config.json"));
        Assert.Equal(new[] { "t1", "t2", "t3" }, config.Heads.Select(h => h.Name));
        Assert.Equal(new[] { "neutral", "happiness", "anger" }, config.Heads[2].Classes);
        Assert.Equal(24, config.Training!["masked_per_task"]!["t3"]!.GetValue<int>());
        Assert.Equal(8, config.Training!["masked_per_task"]!["t2"]!.GetValue<int>());
        var log = File.ReadAllLines(Path.Combine(outcome.ModelDirectory, "train_log.csv"));
        Assert.Equal("epoch,train_loss,valid_loss,valid_macro_f1,valid_ua,valid_wa,loss_t1,loss_t2,loss_t3,seconds", log[0]);
        Assert.Equal("", log[1].Split(',')[8]); // no T3 loss: the task had no label
        Assert.NotEqual("", log[1].Split(',')[7]);
    }
}
