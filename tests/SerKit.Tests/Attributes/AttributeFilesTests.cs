using System.Text.Json;
using SerKit.Attributes;
using SerKit.Evaluation;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Attributes;

public class AttributeFilesTests
{
    [Fact]
    public void ResultsRoundTripAndAreKeptApartFromClassificationResults()
    {
        var dir = RepoPaths.NewTempFolder();
        double[][] truth = [[1, 2], [2, 4], [3, 3], [4, 5]];
        double[][] predicted = [[1.5, 2], [2, 3.5], [2.5, 3], [4.5, 5.5]];
        var m = AttributeMetrics.Compute(["arousal", "valence"], truth, predicted);
        Assert.Equal(ConcordanceCorrelation.Compute(truth.Select(t => t[0]).ToArray(), predicted.Select(p => p[0]).ToArray()), m.Ccc[0]);
        Assert.Equal((m.Ccc[0] + m.Ccc[1]) / 2, m.MeanCcc);
        Assert.Equal(Math.Sqrt((0.25 + 0 + 0.25 + 0.25) / 4), m.Rmse[0], 12);

        var sub = Path.Combine(dir, "fold1");
        Directory.CreateDirectory(sub);
        var path = Path.Combine(sub, ResultsFiles.ResultsFileName);
        AttributeResultsFiles.WriteResultsJson(path, m, new EvaluationInfo("demo", true, 1, 7, "deepemocluster", "test"), clusters: 10);
        var back = AttributeResultsFiles.ReadResultsJson(path);
        Assert.Equal(m.Ccc, back.Metrics.Ccc);
        Assert.Equal(m.Pearson, back.Metrics.Pearson);
        Assert.Equal(4, back.Metrics.Num);
        Assert.Equal(new EvaluationInfo("demo", true, 1, 7, "deepemocluster", "test"), back.Info);
        Assert.Equal([path], AttributeResultsFiles.FindResults(dir));
        Assert.Empty(ResultsFiles.FindResults(dir)); // the classification readers do not trip over it

        // An edited mean is refused.
        var text = File.ReadAllText(path).Replace("\"mean_ccc\": ", "\"mean_ccc\": 0.5, \"old\": ");
        File.WriteAllText(path, text);
        Assert.Contains("mean_ccc", Assert.Throws<ResultsFileException>(() => AttributeResultsFiles.ReadResultsJson(path)).Message);

        var csv = Path.Combine(dir, "predictions.csv");
        AttributeResultsFiles.WritePredictionsCsv(csv, [new("u1", [1.5, 2.25], [1, 2], 3), new("u2", [0.1, 0.2], null, null)], ["arousal", "valence"]);
        Assert.Equal(["key,pred_arousal,pred_valence,true_arousal,true_valence,cluster", "u1,1.5,2.25,1,2,3", "u2,0.1,0.2,,,"], File.ReadAllLines(csv));
    }

    [Fact]
    public void ClusterTableHandComputed()
    {
        var dir = RepoPaths.NewTempFolder();
        // Cluster 0: arousal 1, 3; cluster 1: arousal 5, 7; cluster 2: empty. Grand mean 4.
        // Between SS = 2·(2 − 4)² + 2·(6 − 4)² = 16, total SS = 9 + 1 + 1 + 9 = 20 → η² = 0.8. Valence constant → η² undefined.
        double[][] values = [[1, 3], [3, 3], [5, 3], [7, 3]];
        int[] clusters = [0, 0, 1, 1];
        var t = ClusterAttributeTable.Build(["arousal", "valence"], 3, values, clusters, "test set");
        Assert.Equal(4, t.Num);
        Assert.Equal([2, 2, 0], t.Rows.Select(r => r.Size));
        Assert.Equal(2, t.Rows[0].Mean[0]);
        Assert.Equal(Math.Sqrt(2), t.Rows[0].Std[0], 12);
        Assert.Equal(6, t.Rows[1].Mean[0]);
        Assert.True(double.IsNaN(t.Rows[2].Mean[0]));
        Assert.Equal(0.8, t.EtaSquared[0], 12);
        Assert.True(double.IsNaN(t.EtaSquared[1]));
        var md = t.ToMarkdown();
        Assert.Contains("| 0 | 2 | 50.0 % | 2.00 ± 1.41 | 3.00 ± 0.00 |", md);
        Assert.Contains("| 2 | 0 | 0.0 % | – | – |", md);
        Assert.Contains("| η² | 4 | | 0.800 | – |", md);

        var json = Path.Combine(dir, "t.json");
        t.WriteJson(json);
        var back = ClusterAttributeTable.ReadJson(json);
        Assert.Equal(t.Rows.Select(r => r.Size), back.Rows.Select(r => r.Size));
        Assert.Equal(t.Rows[1].Mean, back.Rows[1].Mean);
        Assert.True(double.IsNaN(back.Rows[2].Std[1]));
        Assert.Equal("test set", back.Subset);

        var png = Path.Combine(dir, "t.png");
        ClusterPlots.AttributesPng(png, t, values, clusters, "hand-made");
        var (w, h) = PngFile.Size(png);
        Assert.True(w >= 1300 && h == 560);
        Assert.Throws<ArgumentException>(() => ClusterAttributeTable.Build(["arousal"], 2, [[1.0]], [2]));
    }

    [Fact]
    public void RegressionHeadsPersistAndOldConfigsReadUnchanged()
    {
        var dir = RepoPaths.NewTempFolder();
        var config = new ModelConfig
        {
            Heads = [new HeadSpec("attributes", ["arousal", "valence"]) { Kind = HeadKind.Regression, TargetMean = [4, 3.5], TargetStd = [1.2, 0.8] }, new HeadSpec("cluster", ["c0", "c1"])],
        };
        var path = Path.Combine(dir, "config.json");
        config.Write(path);
        var text = File.ReadAllText(path);
        Assert.Contains("\"kind\": \"regression\"", text);
        var headsText = text.Split("\"heads\": [")[1].Split("\"features\"")[0];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(headsText, "\"kind\"")); // classification heads are written as before
        var back = ModelConfig.Read(path);
        Assert.True(back.Heads[0].IsRegression);
        Assert.Equal([4, 3.5], back.Heads[0].TargetMean!);
        Assert.Equal([1.2, 0.8], back.Heads[0].TargetStd!);
        Assert.False(back.Heads[1].IsRegression);

        // A config written before head kinds existed: every head is a classification head, and it is written back the same way.
        var old = new ModelConfig { Heads = [new HeadSpec("ser", ["ANG", "HAP"])] };
        old.Write(path);
        var oldText = File.ReadAllText(path);
        Assert.DoesNotContain("kind\": \"", oldText.Split("\"heads\": [")[1].Split("\"features\"")[0]);
        Assert.DoesNotContain("target_mean", oldText);
        var reread = ModelConfig.Read(path);
        Assert.Equal(HeadKind.Classification, reread.Heads[0].Kind);

        // Malformed regression heads are refused with the file name.
        var doc = JsonDocument.Parse(text).RootElement.GetRawText().Replace("\"target_std\": [\n        1.2,\n        0.8\n      ]", "\"target_std\": [1.2]");
        File.WriteAllText(path, doc);
        var e = Assert.Throws<InvalidDataException>(() => ModelConfig.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Throws<ArgumentException>(() => new HeadSpec("a", ["x"]) { Kind = HeadKind.Regression }.Validate());
        new HeadSpec("a", ["x"]) { Kind = HeadKind.Regression, TargetMean = [0], TargetStd = [1] }.Validate();
        Assert.Throws<ArgumentException>(() => new HeadSpec("a", ["x", "y"]) { TargetMean = [0, 0], TargetStd = [1, 1] }.Validate());
    }
}
