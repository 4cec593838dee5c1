using System.Text.Json;
using SerKit.Corpus;
using SerKit.Labels;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Training;

/// <summary>Fine-tuning with multi-label and distribution targets and the co-occurrence penalty.</summary>
[Collection(TorchTrainingCollection.Name)]
public class LabelTypeTrainingTests
{
    private static Manifest WithVotes(params (string Id, string? Label, string? Votes)[] items) =>
        new(RepoPaths.NewTempFolder(), items.Select(i => new Utterance(i.Id, i.Id + ".wav", "s1", i.Label)
        {
            Extra = i.Votes is null ? new Dictionary<string, string>()
                : i.Votes.Split(',').Select(kv => kv.Split('=')).ToDictionary(kv => "votes_" + kv[0], kv => kv[1]),
        }));

    [Fact]
    public void TargetsComeFromTheManifestsVoteColumns()
    {
        string[] classes = ["ANG", "HAP", "SAD"];
        var m = WithVotes(("a", "ANG", "ANG=6,HAP=0,SAD=2"), ("b", null, "ANG=3,HAP=3,SAD=0"), ("c", "SAD", null), ("d", "FEA", "ANG=1,HAP=0,SAD=0"));
        var hard = FineTuning.Examples(m, classes, LabelType.Hard);
        Assert.Equal(["a", "c"], hard.Select(e => e.Id));
        Assert.Null(hard[0].Targets);

        var dist = FineTuning.Examples(m, classes, LabelType.Distribution);
        Assert.Equal(["a", "b", "d"], dist.Select(e => e.Id)); // c has no votes; b (a tie) trains without a consensus label
        Assert.Equal([0.75f, 0, 0.25f], dist[0].Targets![0]!);
        Assert.Equal(0, dist[0].Labels[0]);
        Assert.Null(dist[1].Labels[0]);
        Assert.Null(dist[2].Labels[0]); // FEA is not one of the classes
        var multi = FineTuning.Examples(m, classes, LabelType.MultiLabel);
        Assert.Equal([1f, 1, 0], multi[1].Targets![0]!);

        var noVotes = WithVotes(("a", "ANG", null));
        Assert.Contains("no vote columns votes_ANG, votes_HAP, votes_SAD", Assert.Throws<ManifestException>(() => FineTuning.Examples(noVotes, classes, LabelType.Distribution)).Message);
        var partial = WithVotes(("a", "ANG", "ANG=1,HAP=2"));
        Assert.Contains("has votes_ANG, votes_HAP but not votes_SAD", Assert.Throws<ManifestException>(() => FineTuning.Examples(partial, classes, LabelType.MultiLabel)).Message);
        var bad = WithVotes(("a", "ANG", "ANG=x,HAP=2,SAD=0"));
        Assert.Contains("votes_ANG 'x' is not a vote count", Assert.Throws<ManifestException>(() => FineTuning.Examples(bad, classes, LabelType.MultiLabel)).Message);
    }

    [Fact]
    public void ABatchCarriesTargetVectorsOnlyForTasksWithAnObjective()
    {
        var examples = new[]
        {
            new TrainingExample("a", [1, 0]),
            new TrainingExample("b", [null, 1]) { Targets = [null, null] },
            new TrainingExample("c", [2, null]) { Targets = [[0.5f, 0.5f, 0], null] },
        };
        var specs = new[] { new TaskSpec("ser", ["X", "Y", "Z"]) { Objective = new TaskObjective(LabelType.Distribution) }, new TaskSpec("t1", ["p", "q"]) };
        var source = new MemoryFeatures(new Dictionary<string, float[]> { ["a"] = new float[6], ["b"] = new float[4], ["c"] = new float[2] }, 2);
        var batch = TrainingBatch.Build(examples, source, 2, 10, null, specs);
        Assert.Equal([0f, 1, 0, 0, 0, 0, 0.5f, 0.5f, 0], batch.SoftTargets[0]!); // one-hot of a's label, zeros for b, c's own vector
        Assert.Null(batch.SoftTargets[1]);
        Assert.Equal(2, batch.Labelled(0));
        Assert.Equal(2, batch.Labelled(1));
    }

    /// <summary>Votes of five raters for a tone corpus over HIGH, LOW and MID: MID is often chosen beside either tone, HIGH and LOW only on the few ties.</summary>
    private static string WriteVotes(string dir, params string[] manifests)
    {
        var lines = new List<string> { "id,rater,label" };
        foreach (var u in manifests.SelectMany(m => Manifest.Load(m).Items))
        {
            int i = int.Parse(u.Id[^3..]);
            var own = u.Label!;
            var other = own == "HIGH" ? "LOW" : "HIGH";
            string[] labels = i % 10 == 0 ? [own, own, other, other, "MID"] : [own, own, own, own, i % 3 == 0 ? "MID" : own == "HIGH" ? "HIGH;MID" : own];
            lines.AddRange(labels.Select((l, r) => $"{u.Id},r{r + 1},{l}"));
        }
        var path = Path.Combine(dir, "votes.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void DistributionTargetsWithThePenaltyTrainDeterministicallyFromLibraryAndCommandLine()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = ToneCorpus.Write(dir, "train", 24, 0.3, 0.8, seed: 41);
        var valid = ToneCorpus.Write(dir, "valid", 8, 0.3, 0.8, seed: 42);
        var test = ToneCorpus.Write(dir, "test", 10, 0.3, 0.8, seed: 43);
        var votesFile = WriteVotes(dir, train, valid, test);

        var (code, stdout, stderr) = CliRunner.InProcess("cooccurrence", votesFile, "-o", Path.Combine(dir, "cooc"), "--classes", "HIGH,LOW,MID");
        Assert.True(code == 0, stderr);
        Assert.Contains("42 utterances, 224 votes by 5 raters", stdout); // 5 answers each, 14 of them HIGH;MID
        var penaltyFile = Path.Combine(dir, "cooc", "cooccurrence.json");
        Assert.True(File.Exists(Path.Combine(dir, "cooc", "cooccurrence.png")));
        var penalty = PenaltyMatrix.Load(penaltyFile);
        Assert.True(penalty.Values[0][1] > 0.8, "HIGH and LOW rarely co-occur");
        Assert.True(penalty.Values[0][2] < 0.3, "MID is usually chosen beside HIGH");

        var votes = VoteTableFile.Read(votesFile);
        var request = new FineTuningRequest(Manifest.Load(train), Manifest.Load(valid), Path.Combine(dir, "lib"))
        {
            Classes = ["HIGH", "LOW", "MID"],
            Encoder = ToneCorpus.TinyEncoder,
            Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
            Options = new TrainingOptions { Epochs = 3, BatchSize = 8, Seed = 5, Patience = 0 },
            LabelType = LabelType.Distribution,
            Votes = votes,
            PenaltyFile = penaltyFile,
            Alpha = 0.5,
        };
        var outcome = FineTuning.Run(request);
        Assert.All(outcome.Log, e => Assert.True(double.IsFinite(e.TrainLoss)));
        var config = ModelConfig.Read(Path.Combine(outcome.ModelDirectory, "config.json"));
        Assert.Equal("distribution", config.Training!["label_type"]!.GetValue<string>());
        Assert.Equal(0.5, config.Training["alpha"]!.GetValue<double>());
        Assert.Equal("distribution", config.Training["tasks"]![0]!["objective"]!["label_type"]!.GetValue<string>());
        Assert.Equal(24, config.Training["labelled_available"]!.GetValue<int>());

        // The same run from the command line gives the same weights.
        var cli = Path.Combine(dir, "cli");
        var encoderConfig = Path.Combine(dir, "encoder.json");
        File.WriteAllText(encoderConfig, JsonSerializer.Serialize(ToneCorpus.TinyEncoder, ModelJson.Options));
        (code, stdout, stderr) = CliRunner.InProcess("finetune", "--train", train, "--valid", valid, "--test", test, "--from-scratch", "-o", cli,
            "--classes", "HIGH,LOW,MID", "--label-type", "distribution", "--votes", votesFile, "--penalty", penaltyFile, "--alpha", "0.5",
            "--epochs", "3", "--batch", "8", "--seed", "5", "--patience", "0", "--encoder-config", encoderConfig, "--mels", "32");
        Assert.True(code == 0, stderr);
        Assert.Contains("against the raters' votes (10 utterances): multi-label macro-F1", stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outcome.ModelDirectory, "model.safetensors")), File.ReadAllBytes(Path.Combine(cli, "model.safetensors")));

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli, "test", "results.json")));
        Assert.Equal(10, results.RootElement.GetProperty("multi_label").GetProperty("num").GetInt32());
        Assert.True(results.RootElement.GetProperty("distribution").GetProperty("mean_js_divergence").GetDouble() is >= 0 and <= 1);
        Assert.Equal(10, SerKit.Evaluation.ResultsFiles.ReadResultsJson(Path.Combine(cli, "test", "results.json")).Metrics.Num);

        (code, _, stderr) = CliRunner.InProcess("finetune", "--train", train, "--valid", valid, "--from-scratch", "-o", Path.Combine(dir, "x"), "--alpha", "0.3");
        Assert.Equal(1, code);
        Assert.Contains("--alpha needs --penalty FILE", stderr);
    }

    [Fact]
    public void ThePenaltyChangesTrainingForEveryLabelTypeAndAlphaZeroIsThePlainLoss()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = ToneCorpus.Write(dir, "train", 24, 0.3, 0.6, seed: 51);
        var valid = ToneCorpus.Write(dir, "valid", 6, 0.3, 0.6, seed: 52);
        var votes = VoteTableFile.Read(WriteVotes(dir, train, valid));
        var penaltyFile = Path.Combine(dir, "penalty.json");
        CooccurrenceMatrix.Compute(votes, ["HIGH", "LOW", "MID"]).Save(penaltyFile);
        int run = 0;
        (TrainingOutcome Outcome, float[] Weights) Train(LabelType type, string? penalty, double? alpha)
        {
            var outcome = FineTuning.Run(new FineTuningRequest(Manifest.Load(train), Manifest.Load(valid), Path.Combine(dir, $"m{run++}"))
            {
                Classes = ["HIGH", "LOW", "MID"],
                Encoder = ToneCorpus.TinyEncoder,
                Features = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } },
                Options = new TrainingOptions { Epochs = 1, BatchSize = 8, Seed = 3, Patience = 0 },
                LabelType = type, Votes = votes, PenaltyFile = penalty, Alpha = alpha,
            });
            var (tensors, _) = SerKit.IO.SafeTensorsBundle.Read(Path.Combine(outcome.ModelDirectory, "model.safetensors"));
            return (outcome, tensors.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => t.Value.Data).ToArray());
        }

        // Hard labels: the integer cross-entropy path and the target-vector path with α = 0 compute the same loss.
        var plain = Train(LabelType.Hard, null, null);
        var zero = Train(LabelType.Hard, penaltyFile, 0);
        Assert.Equal(plain.Outcome.Log[0].TrainLoss, zero.Outcome.Log[0].TrainLoss, 3);
        foreach (var type in new[] { LabelType.Hard, LabelType.MultiLabel, LabelType.Distribution })
        {
            var without = type == LabelType.Hard ? zero : Train(type, penaltyFile, 0);
            var with = Train(type, penaltyFile, 1);
            Assert.True(double.IsFinite(with.Outcome.Log[0].TrainLoss));
            Assert.True(without.Weights.Zip(with.Weights).Max(p => Math.Abs(p.First - p.Second)) > 1e-6, $"{type}: the penalty changed nothing");
        }
    }

    private sealed class MemoryFeatures(Dictionary<string, float[]> data, int dimension) : IFeatureSource
    {
        public int Dimension => dimension;

        public bool Contains(string id) => data.ContainsKey(id);

        public float[] Load(string id, out int frames)
        {
            frames = data[id].Length / dimension;
            return data[id];
        }
    }
}
