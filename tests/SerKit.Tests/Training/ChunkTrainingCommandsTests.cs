using System.Text.Json.Nodes;
using SerKit.Corpus;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Training;

/// <summary>The chunk-level encoder through the real CLI: pretrain → finetune --encoder → evaluate → predict, and from scratch.</summary>
public class ChunkTrainingCommandsTests
{
    private static readonly string[] Tiny = ["--width", "32", "--heads", "2", "--feed-forward", "64", "--mels", "32"];

    [Fact]
    public void AChunkModelPretrainsFinetunesEvaluatesAndPredicts()
    {
        var dir = RepoPaths.NewTempFolder();
        var unlabelled = ToneCorpus.Write(dir, "unlabelled", 16, 0.3, 0.8, seed: 41);
        var train = ToneCorpus.Write(dir, "train", 16, 0.3, 0.8, seed: 42);
        var valid = ToneCorpus.Write(dir, "valid", 8, 0.3, 0.8, seed: 43);
        var test = ToneCorpus.Write(dir, "test", 8, 0.3, 2.5, seed: 44); // longer than C·m: chunks with gaps
        var items = Manifest.Load(unlabelled).Items;
        new PretextLabelSet(["neutral", "anger"], items.Select((u, i) => new PretextLabels(u.Id, u.Label == "HIGH" ? 1 : 0, null, i % 4 == 0 ? 1 : 0)))
            .Write(Path.Combine(dir, "pretext.csv"));

        var pre = Path.Combine(dir, "pre");
        var (code, stdout, stderr) = CliRunner.Run(["pretrain", "--manifest", unlabelled, "--pretext", Path.Combine(dir, "pretext.csv"), "-o", pre,
            "--tasks", "t1,t3", "--epochs", "2", "--batch", "8", "--encoder-kind", "chunk", "--chunk-encoder", "cnn", "--aggregation", "self_attention",
            "--chunk-frames", "20", .. Tiny]);
        Assert.True(code == 0, stderr);
        var preConfig = ModelConfig.Read(Path.Combine(pre, "config.json"));
        var normalization = FeatureNormalization.Read(Path.Combine(pre, "normalization.json"));
        Assert.True(normalization.MaxFrames is >= 31 and <= 81, $"longest utterance {normalization.MaxFrames} frames");
        Assert.Equal("chunk", preConfig.Encoder.Kind);
        Assert.Equal(new ChunkSettings { Frames = 20, Chunks = (normalization.MaxFrames + 19) / 20, Encoder = "cnn", Aggregation = "self_attention" }, preConfig.Encoder.Chunk);

        var fine = Path.Combine(dir, "fine");
        (code, stdout, stderr) = CliRunner.Run("finetune", "--train", train, "--valid", valid, "--test", test, "--encoder", pre, "-o", fine,
            "--epochs", "2", "--batch", "8");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(fine, "test", "results.json")));
        var fineConfig = ModelConfig.Read(Path.Combine(fine, "config.json"));
        Assert.Equal(preConfig.Encoder.Chunk, fineConfig.Encoder.Chunk); // the pre-trained encoder's chunking is kept

        var eval = Path.Combine(dir, "eval");
        (code, stdout, stderr) = CliRunner.Run("evaluate", "--model", fine, "--manifest", test, "-o", eval);
        Assert.True(code == 0, stderr);
        Assert.Contains("8 utterances: macro-F1", stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(fine, "test", "predictions.csv")), File.ReadAllText(Path.Combine(eval, "predictions.csv")));

        // predict: the chunk model scores a file whole (one "window"); the classifier does so also beyond the 3 s scoring window.
        var longest = Manifest.Load(test).Items.Select(u => Path.Combine(dir, u.Path)).OrderByDescending(p => new FileInfo(p).Length).First();
        (code, stdout, stderr) = CliRunner.Run("predict", "--model", fine, longest);
        Assert.True(code == 0, stderr);
        Assert.Equal("1", stdout.Trim().Split('\n')[1].Split(',')[2]);
        using var classifier = SerClassifier.Load(fine);
        var result = classifier.Classify(new float[16000 * 5]);
        Assert.Equal(1, result.Windows);
        Assert.Equal(1.0, result.Scores.Values.Sum(), 4);

        // From scratch, with an LSTM and a given chunk count; transformer-only sizes with the chunk options are refused without --encoder-kind chunk.
        var scratch = Path.Combine(dir, "scratch");
        (code, _, stderr) = CliRunner.Run(["finetune", "--train", train, "--valid", valid, "--from-scratch", "-o", scratch, "--epochs", "1", "--batch", "8",
            "--encoder-kind", "chunk", "--chunk-encoder", "lstm", "--aggregation", "gated_attention", "--chunks", "3", "--chunk-frames", "30", .. Tiny]);
        Assert.True(code == 0, stderr);
        var scratchJson = JsonNode.Parse(File.ReadAllText(Path.Combine(scratch, "config.json")))!["encoder"]!;
        Assert.Equal(3, scratchJson["chunk"]!["chunks"]!.GetValue<int>());
        Assert.Equal("lstm", scratchJson["chunk"]!["encoder"]!.GetValue<string>());
        (code, _, stderr) = CliRunner.Run(["finetune", "--train", train, "--valid", valid, "--from-scratch", "-o", Path.Combine(dir, "x"), "--aggregation", "mean", .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains("--encoder-kind chunk", stderr);
        (code, _, stderr) = CliRunner.Run("finetune", "--train", train, "--valid", valid, "--encoder", pre, "-o", Path.Combine(dir, "y"), "--chunks", "4");
        Assert.Equal(1, code);
        Assert.Contains("encoder sizes come from --encoder's config", stderr);
        (code, _, stderr) = CliRunner.Run(["finetune", "--train", train, "--valid", valid, "--from-scratch", "-o", Path.Combine(dir, "z"), "--encoder-kind", "chunk", "--aggregation", "max", .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains("aggregation must be mean, gated_attention, self_attention", stderr);
    }
}
