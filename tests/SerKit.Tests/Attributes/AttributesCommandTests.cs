using SerKit.Attributes;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;

namespace SerKit.Tests.Attributes;

[Collection(TorchTrainingCollection.Name)]
public class AttributesCommandTests
{
    private static readonly string[] Tiny = [.. ToneCorpus.TinyFlags, "--batch", "8", "--lr", "0.002", "--max-frames", "80", "--hop-frames", "40", "--patience", "0"];

    [Fact]
    public void TrainsDeepEmoClusterAndEvaluatesIt()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = AttributeToneCorpus.Write(dir, "train", 24, seed: 1);
        var valid = AttributeToneCorpus.Write(dir, "valid", 8, seed: 2);
        var unlabelled = AttributeToneCorpus.Write(dir, "unlabelled", 24, seed: 3, withAttributes: false);
        var model = Path.Combine(dir, "m");
        var (code, stdout, stderr) = CliRunner.InProcess(["attributes", "--train", train, "--valid", valid, "--test", valid, "--from-scratch", "-o", model,
            "--clusters", "3", "--unlabelled", unlabelled, "--unlabelled-limit", "20", "--cluster-weight", "0.5", "--epochs", "3", .. Tiny]);
        Assert.True(code == 0, stderr);
        Assert.Contains("trained DeepEmoCluster (3 clusters) from scratch: 3 epochs, kept epoch", stdout);
        Assert.Contains("| cluster | N | share | arousal | valence | dominance |", stdout);
        Assert.Contains("test: mean CCC", stdout);
        var config = SerKit.Modeling.ModelConfig.Read(Path.Combine(model, "config.json"));
        Assert.Equal(20, config.Training!["unlabelled_utterances"]!.GetValue<int>());
        Assert.Equal(0.5, config.Training!["deepemocluster"]!["weight"]!.GetValue<double>());

        var (code2, stdout2, stderr2) = CliRunner.InProcess("evaluate", "--model", model, "-m", valid, "-o", Path.Combine(dir, "eval"), "--condition", "dec");
        Assert.True(code2 == 0, stderr2);
        Assert.Contains("mean CCC", stdout2);
        var result = AttributeResultsFiles.ReadResultsJson(Path.Combine(dir, "eval", "results.json"));
        Assert.Equal("dec", result.Info.Condition);
        Assert.Equal(8, result.Metrics.Num);
        Assert.True(File.Exists(Path.Combine(dir, "eval", ClusterAttributeTable.PlotFile)));

        // serkit predict on an attribute model: the evaluation's predictions, file by file.
        var wav = Path.Combine(dir, "wav", "valid003.wav");
        var (code3, stdout3, stderr3) = CliRunner.InProcess("predict", "--model", model, wav);
        Assert.True(code3 == 0, stderr3);
        var lines = stdout3.Trim().Split('\n');
        Assert.Equal("path,arousal,valence,dominance,cluster,windows", lines[0]);
        var row = lines[1].Split(',');
        var evaluated = File.ReadLines(Path.Combine(dir, "eval", "predictions.csv")).First(l => l.StartsWith("valid003,")).Split(',');
        for (int a = 0; a < 3; a++) Assert.Equal(double.Parse(evaluated[1 + a], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[1 + a], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(evaluated[7], row[4]);
        Assert.Equal("1", row[5]);
    }

    [Fact]
    public void ManifestsKeptApartFromTheirAudioAreReadRelativeToRoot()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        var lists = Directory.CreateDirectory(Path.Combine(dir, "lists")).FullName;
        string Moved(string written)
        {
            var moved = Path.Combine(lists, Path.GetFileName(written));
            File.Move(written, moved);
            return moved;
        }
        var train = Moved(AttributeToneCorpus.Write(corpus, "train", 16, seed: 1));
        var valid = Moved(AttributeToneCorpus.Write(corpus, "valid", 8, seed: 2));
        var unlabelled = Moved(AttributeToneCorpus.Write(corpus, "unlabelled", 8, seed: 3, withAttributes: false));
        string[] args = ["attributes", "--train", train, "--valid", valid, "--test", valid, "--unlabelled", unlabelled, "--clusters", "2", "--from-scratch", "--epochs", "1", .. Tiny];
        var (code, stdout, stderr) = CliRunner.InProcess([.. args, "--root", corpus, "-o", Path.Combine(dir, "m")]);
        Assert.True(code == 0, stderr);
        Assert.Contains("test: mean CCC", stdout);
        // Without --root the paths are taken relative to lists/, where there is no audio.
        (code, _, stderr) = CliRunner.InProcess([.. args, "-o", Path.Combine(dir, "x")]);
        Assert.NotEqual(0, code);
        Assert.Contains(Path.Combine(lists, "wav"), stderr);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void MistakesAreOneLineMessages()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = AttributeToneCorpus.Write(dir, "train", 6, seed: 1);
        var (code, _, stderr) = CliRunner.InProcess(["attributes", "--train", train, "--valid", train, "--from-scratch", "-o", Path.Combine(dir, "m"), "--unlabelled", train, .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains("serkit attributes: --unlabelled, --unlabelled-limit, --cluster-weight, --cluster-labelled and --no-l2-normalize are DeepEmoCluster options; give --clusters K", stderr);

        File.WriteAllText(Path.Combine(dir, "bad.csv"), File.ReadAllText(train).Replace("\ntrain002,wav/train002.wav,s2,,", "\ntrain002,wav/train002.wav,s2,,x"));
        var (code2, _, stderr2) = CliRunner.InProcess(["attributes", "--train", Path.Combine(dir, "bad.csv"), "--valid", train, "--from-scratch", "-o", Path.Combine(dir, "m2"), .. Tiny]);
        Assert.Equal(1, code2);
        Assert.Contains($"serkit attributes: {Path.Combine(dir, "bad.csv")}: utterance train002: arousal 'x", stderr2);

        var (code3, _, stderr3) = CliRunner.InProcess(["attributes", "--train", train, "--valid", train, "--from-scratch", "-o", Path.Combine(dir, "m3"), "--attributes", "arousal,joy", .. Tiny]);
        Assert.Equal(1, code3);
        Assert.Contains("no utterance has a value in column 'joy'", stderr3);
    }
}
