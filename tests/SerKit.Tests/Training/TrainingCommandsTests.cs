using System.Text.Json;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Training;

/// <summary>pretrain → finetune --encoder → evaluate with the real CLI.</summary>
public class TrainingCommandsTests
{
    [Fact]
    public void PretrainFinetuneAndEvaluateRunFromTheCommandLine()
    {
        var dir = RepoPaths.NewTempFolder();
        var unlabelled = ToneCorpus.Write(dir, "unlabelled", 24, 0.3, 0.8, seed: 31);
        var train = ToneCorpus.Write(dir, "train", 16, 0.3, 0.8, seed: 32);
        var valid = ToneCorpus.Write(dir, "valid", 8, 0.3, 0.8, seed: 33);
        var test = ToneCorpus.Write(dir, "test", 8, 0.3, 0.8, seed: 34);
        var items = Manifest.Load(unlabelled).Items;
        new PretextLabelSet(["neutral", "anger"], items.Select((u, i) => new PretextLabels(u.Id, u.Label == "HIGH" ? 1 : 0, null, i % 4 == 0 ? 1 : 0)))
            .Write(Path.Combine(dir, "pretext.csv"));

        var pre = Path.Combine(dir, "pre");
        var (code, stdout, stderr) = CliRunner.Run(["pretrain", "--manifest", unlabelled, "--pretext", Path.Combine(dir, "pretext.csv"), "-o", pre,
            "--tasks", "t1,t3", "--weights", "1,0.5", "--epochs", "2", "--batch", "8", .. ToneCorpus.TinyFlags]);
        Assert.True(code == 0, stderr);
        Assert.Contains("pre-trained on t1+t3: 2 epochs", stdout);
        Assert.Contains("[pretrain]", stderr);
        Assert.Contains("epoch 2/2", stderr);
        var preConfig = ModelConfig.Read(Path.Combine(pre, "config.json"));
        Assert.Equal(new[] { "t1", "t3" }, preConfig.Heads.Select(h => h.Name));
        Assert.Equal(0.5, preConfig.Training!["tasks"]![1]!["weight"]!.GetValue<double>());

        var fine = Path.Combine(dir, "fine");
        (code, stdout, stderr) = CliRunner.Run("finetune", "--train", train, "--valid", valid, "--test", test, "--encoder", pre, "-o", fine,
            "--epochs", "3", "--batch", "8", "--freeze-encoder");
        Assert.True(code == 0, stderr);
        Assert.Contains("fine-tuned from " + pre, stdout);
        Assert.True(File.Exists(Path.Combine(fine, "test", "results.json")));
        var fineConfig = ModelConfig.Read(Path.Combine(fine, "config.json"));
        Assert.Equal(preConfig.Encoder, fineConfig.Encoder with { ConvStrides = preConfig.Encoder.ConvStrides });
        Assert.Equal("ser", fineConfig.Heads.Single().Name);
        // The frozen encoder kept the pre-trained weights and normalisation.
        var (preWeights, _) = SerKit.IO.SafeTensorsBundle.Read(Path.Combine(pre, "model.safetensors"));
        var (fineWeights, _) = SerKit.IO.SafeTensorsBundle.Read(Path.Combine(fine, "model.safetensors"));
        foreach (var name in preWeights.Keys.Where(k => !k.StartsWith("heads.", StringComparison.Ordinal)))
            Assert.Equal(preWeights[name].Data, fineWeights[name].Data);

        var eval = Path.Combine(dir, "eval");
        (code, stdout, stderr) = CliRunner.Run("evaluate", "--model", fine, "--manifest", test, "-o", eval, "--fold", "2", "--condition", "T1+T3");
        Assert.True(code == 0, stderr);
        Assert.Contains("8 utterances: macro-F1", stdout);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(eval, "results.json")));
        Assert.Equal(8, results.RootElement.GetProperty("num").GetInt32());
        Assert.Equal(2, results.RootElement.GetProperty("fold").GetInt32());
        Assert.Equal(File.ReadAllText(Path.Combine(fine, "test", "predictions.csv")), File.ReadAllText(Path.Combine(eval, "predictions.csv")));

        (code, _, stderr) = CliRunner.Run("finetune", "--train", train, "--valid", valid, "-o", Path.Combine(dir, "x"));
        Assert.Equal(1, code);
        Assert.Contains("--encoder MODEL or --from-scratch", stderr);
        foreach (var command in new[] { "pretrain", "finetune", "evaluate", "predict" })
        {
            var (helpCode, help, _) = CliRunner.Run(command, "--help");
            Assert.Equal(0, helpCode);
            Assert.Contains("Usage:", help);
        }
    }
}
