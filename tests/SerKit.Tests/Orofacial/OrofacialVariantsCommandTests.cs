using System.Globalization;
using System.Text.Json;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Orofacial;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;

namespace SerKit.Tests.Orofacial;

/// <summary>
/// <c>serkit orofacial-variants</c> on a tiny demo corpus (3 speakers × 6 emotions, one speaker each for training, validation and test)
/// whose manifests are kept apart from the audio (<c>--root</c>): two variants, one table, and a rerun that leaves finished models alone.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class OrofacialVariantsCommandTests
{
    [Fact]
    public void TwoVariantsShareOneTableAndARerunLeavesTheModelsAlone()
    {
        var dir = RepoPaths.NewTempFolder("serkit-orofacial-variants");
        var corpus = Path.Combine(dir, "corpus");
        var demo = DemoCorpus.Write(corpus, new DemoCorpusOptions
        {
            Speakers = 3, UtterancesPerEmotion = 1, UnlabelledSpeakers = 0, SevereTrackingLossLabelled = 0, MinSeconds = 1.0, MaxSeconds = 1.5,
            Seed = 5, Threads = 2,
        });
        var lists = Directory.CreateDirectory(Path.Combine(dir, "lists")).FullName;
        string Save(string speaker)
        {
            var path = Path.Combine(lists, speaker + ".csv");
            demo.Labelled.Where(u => u.Speaker == speaker).Save(path, ManifestFormat.SerKitCsv);
            return path;
        }
        var output = Path.Combine(dir, "out");
        string[] common = ["orofacial-variants", "--manifest", Save("s01"), "--valid", Save("s02"), "--test", Save("s03"), "--faces", Path.Combine(corpus, "faces"),
            "--epochs", "2", "--batch", "3", "--max-frames", "100", "--conv-channels", "8", "--lstm-hidden", "8", "--lstm-layers", "1",
            "--viseme-clusters", "4", "--seed", "1", "-j", "2", "-o", output];
        string[] args = [.. common, "--root", corpus, "--variants", "single,viseme"];

        var (code, stdout, stderr) = CliRunner.InProcess(args);
        Assert.True(code == 0, stderr);
        string[] modelFiles = [ModelDirectory.WeightsFile, ModelDirectory.ConfigFile, ModelDirectory.TrainLogFile];
        foreach (var variant in new[] { "single", "viseme" })
        {
            foreach (var f in modelFiles.Append(OrofacialEvaluation.ResultsFileName))
                Assert.True(File.Exists(Path.Combine(output, variant, f)), $"{variant}/{f} is missing");
            Assert.Contains($"{variant}: model {Path.Combine(output, variant)}", stdout);
        }
        Assert.False(Directory.Exists(Path.Combine(output, "emotion")));
        var markdown = File.ReadAllText(Path.Combine(output, OrofacialReport.MarkdownFile));
        Assert.Contains(markdown.TrimEnd(), stdout);
        // One row per variant, in the order asked for, with a number in every landmark column.
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| variant")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();
        Assert.Equal(["single", "viseme"], rows.Select(r => r[1]));
        Assert.Equal(["—", "clusters"], rows.Select(r => r[2]));
        foreach (var r in rows)
            for (int c = 3; c <= 8; c++)
                Assert.True(double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{r[1]}: column {c} is '{r[c]}'");
        Assert.True(double.TryParse(rows[1][11].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy) && accuracy is >= 0 and <= 1, rows[1][11]);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, OrofacialReport.JsonFile))))
        {
            var entries = json.RootElement.GetProperty("variants").EnumerateArray().ToArray();
            Assert.Equal(["single", "viseme"], entries.Select(e => e.GetProperty("variant").GetString()));
            Assert.All(entries, e => Assert.Equal(6, e.GetProperty("utterances").GetInt32()));
            Assert.All(entries, e => Assert.True(e.GetProperty("rmse").GetDouble() > 0));
        }

        // A rerun resumes: both variants are finished, so their model files are not written again and the table is the same.
        var written = modelFiles.SelectMany(f => new[] { "single", "viseme" }.Select(v => Path.Combine(output, v, f)))
            .ToDictionary(p => p, File.GetLastWriteTimeUtc);
        (code, _, stderr) = CliRunner.InProcess(args);
        Assert.True(code == 0, stderr);
        foreach (var (path, time) in written) Assert.True(File.GetLastWriteTimeUtc(path) == time, $"{path} was rewritten");
        Assert.Equal(markdown, File.ReadAllText(Path.Combine(output, OrofacialReport.MarkdownFile)));

        // A variant name outside the four is refused in one line that names it and the valid ones.
        (code, _, stderr) = CliRunner.InProcess([.. common, "--root", corpus, "--variants", "single,lips"]);
        Assert.Equal(1, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("'lips'", stderr);
        Assert.Contains("single, emotion, viseme, emotion_viseme", stderr);

        // Without --root the manifests' paths are taken relative to lists/, where there is no audio.
        (code, _, stderr) = CliRunner.InProcess([.. common, "--variants", "single"]);
        Assert.Equal(1, code);
        Assert.StartsWith($"serkit orofacial-variants: {Path.Combine(lists, "wav")}", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
