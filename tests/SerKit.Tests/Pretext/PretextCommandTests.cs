using System.Text.Json.Nodes;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Pretext;

public class PretextCommandTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    [Fact]
    public void SerkitPretextWritesLabelsJsonAndPlotsAndReportsTheBrokenFaceFile()
    {
        var corpus = PretextCorpus.Create();
        var output = Path.Combine(corpus.Root, "pretext");
        var (code, stdout, stderr) = CliRunner.Run("pretext", "--manifest", corpus.Manifest, "--faces", corpus.Faces, "-o", output, "-j", "2");
        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");   // one malformed face CSV: labels written, exit 1
        Assert.Contains("[pretext]", stderr);
        Assert.Contains(Path.Combine(corpus.Faces, "s2_2.csv"), stderr);
        Assert.Contains("T1 energy (mean): high 4, low 4, masked 0", stdout);
        Assert.Contains("T3 AU emotion: neutral 2, happiness 2, sadness 2, surprise 0", stdout);
        Assert.Contains("face CSVs missing: 1", stdout);

        var set = PretextLabelSet.Read(output);
        Assert.Equal(AuRuleTable.Default.Classes, set.T3Classes);
        Assert.Equal(PretextCorpus.Ids, set.Items.Select(i => i.Id));
        var csv = File.ReadAllLines(Path.Combine(output, "pretext.csv"));
        Assert.Equal("id,t1,t2,t3,energy_db_mean,energy_z,activation,valid_frame_share,t3_share", csv[0]);
        Assert.StartsWith("s1_0,high,low,happiness,", csv[1]);
        Assert.StartsWith("s2_3,low,,,", csv[8]);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "pretext.json")))!;
        Assert.Equal("serkit-pretext/1", json["format"]!.GetValue<string>());
        Assert.Equal(3, json["counts"]!["t2"]!["high"]!.GetValue<int>());
        Assert.Equal(2, json["counts"]!["t3"]!["masked"]!.GetValue<int>());
        Assert.Equal(1, json["missing_faces"]!["count"]!.GetValue<int>());
        Assert.Equal("s2_2", json["problems"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("mean", json["options"]!["t1"]!["statistic"]!.GetValue<string>());
        Assert.Equal(0.8, json["options"]!["face"]!["min_confidence"]!.GetValue<double>());
        Assert.Equal(0.1, json["options"]!["t3"]!["min_share"]!.GetValue<double>());
        Assert.NotNull(json["medians"]!["t1"]);
        foreach (var png in new[] { "t1_distribution.png", "t2_distribution.png", "t3_distribution.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(output, png));
            Assert.True(bytes.Length > 5000, png);
            Assert.Equal(PngSignature, bytes[..8]);
        }
    }

    [Fact]
    public void OptionsReachTheLabels()
    {
        var corpus = PretextCorpus.Create();
        var rules = Path.Combine(corpus.Root, "rules.json");
        File.WriteAllText(rules, """{"neutral": "calm", "rules": [{"class": "smile", "aus": [12]}]}""");
        var output = Path.Combine(corpus.Root, "out");
        File.Delete(Path.Combine(corpus.Faces, "s2_2.csv"));
        var (code, stdout, stderr) = CliRunner.Run("pretext", "-m", corpus.Manifest, "--faces", corpus.Faces, "-o", output,
            "--tasks", "t1,t3", "--t1-mode", "variation", "--rules", rules, "--min-share", "0.5", "--min-confidence", "0.99");
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var set = PretextLabelSet.Read(output);
        Assert.Equal(["calm", "smile"], set.T3Classes);
        Assert.All(set.Items, i => Assert.Null(i.T2));
        // The test faces have confidence 0.95 < 0.99: no valid frame, T3 masked everywhere.
        Assert.All(set.Items, i => Assert.Null(i.T3));
        Assert.Equal("variation", set.Details["options"]!["t1"]!["statistic"]!.GetValue<string>());
        Assert.Equal(0.5, set.Details["options"]!["t3"]!["min_share"]!.GetValue<double>());
        Assert.False(File.Exists(Path.Combine(output, "t2_distribution.png")));
        Assert.True(File.Exists(Path.Combine(output, "t3_distribution.png")));

        var bad = CliRunner.Run("pretext", "-m", corpus.Manifest, "-o", output, "--tasks", "t1,t4");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("unknown task 't4'", bad.Stderr);
        File.WriteAllText(rules, "{\"rules\": [}");
        bad = CliRunner.Run("pretext", "-m", corpus.Manifest, "-o", output, "--tasks", "t3", "--faces", corpus.Faces, "--rules", rules);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(rules + ": malformed JSON", bad.Stderr);
    }
}
