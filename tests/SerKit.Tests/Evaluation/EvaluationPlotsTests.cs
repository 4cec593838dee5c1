using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class EvaluationPlotsTests
{
    private static readonly string[] Classes = { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var b = File.ReadAllBytes(path);
        Assert.True(b.Length > 1000, $"{path} is only {b.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, b[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(b, 12, 4));
        int W(int o) => (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
        return (W(16), W(20));
    }

    /// <summary>
    /// Dark blue pixels (the fullest confusion cells) of <paramref name="path"/>: how many, and in how
    /// many distinct pixel columns they lie.
    /// </summary>
    private static (int Pixels, int Columns) DarkBlue(string path)
    {
        using var image = new ScottPlot.Image(File.ReadAllBytes(path));
        var rgb = image.GetArrayRGB();
        int n = 0;
        var columns = new HashSet<int>();
        for (int y = 0; y < rgb.GetLength(0); y++)
            for (int x = 0; x < rgb.GetLength(1); x++)
                if (rgb[y, x, 2] > 80 && rgb[y, x, 0] < 60 && rgb[y, x, 1] < 120) { n++; columns.Add(x); }
        return (n, columns.Count);
    }

    [Fact]
    public void ConfusionMatrixPng()
    {
        var dir = RepoPaths.NewTempFolder();
        var truth = Enumerable.Range(0, 120).Select(i => i % 6).ToArray();
        var good = ClassificationMetrics.Compute(truth, truth.Select((t, i) => i % 5 == 0 ? (t + 1) % 6 : t).ToArray(), Classes);
        var path = Path.Combine(dir, "confusion.png");
        EvaluationPlots.ConfusionMatrixPng(path, good, "fold 1");
        var (w, h) = PngSize(path);
        Assert.True(w > h && w >= 1000, $"two panels side by side, got {w}×{h}");
        // A good classifier fills the diagonal: dark cells spread over every column of both panels.
        var diagonal = DarkBlue(path);
        Assert.True(diagonal.Pixels > 10_000, $"expected dark diagonal cells, found {diagonal.Pixels} dark blue pixels");

        // All predictions in one class: one full column per panel, so the dark pixels sit in a narrow stripe.
        var flat = ClassificationMetrics.Compute(truth, truth.Select(_ => 4).ToArray(), Classes);
        var flatPath = Path.Combine(dir, "flat.png");
        EvaluationPlots.ConfusionMatrixPng(flatPath, flat);
        var stripe = DarkBlue(flatPath);
        Assert.True(stripe.Pixels > 10_000);
        Assert.True(stripe.Columns * 3 < diagonal.Columns, $"one column of cells ({stripe.Columns} px wide) against six ({diagonal.Columns} px)");

        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void LearningCurvesPngFromTrainLogCsv()
    {
        var dir = RepoPaths.NewTempFolder();
        var csv = Path.Combine(dir, "train_log.csv");
        File.WriteAllText(csv, "epoch,train_loss,valid_loss,valid_macro_f1,lr\n" +
                               "1,1.80,1.75,0.21,0.001\n2,1.40,1.50,0.33,0.001\n3,1.10,,,0.001\n4,0.90,1.30,0.41,0.0005\n");
        var log = TrainLog.Read(csv);
        Assert.Equal(new[] { 1, 2, 3, 4 }, log.Epochs);
        Assert.Equal(new[] { "train_loss", "valid_loss", "valid_macro_f1", "lr" }, log.Columns);
        Assert.True(double.IsNaN(log.Series["valid_loss"][2]));
        Assert.Equal(0.41, log.Series["valid_macro_f1"][3]);

        var png = Path.Combine(dir, "curves.png");
        EvaluationPlots.LearningCurvesPng(png, log, "fine-tuning");
        var (w, h) = PngSize(png);
        Assert.Equal((1200, 500), (w, h));

        // Without a metric column: a single loss panel.
        EvaluationPlots.LearningCurvesPng(png, new TrainLog(new[] { 1, 2 }, new Dictionary<string, double[]> { ["loss"] = new[] { 2.0, 1.0 } }));
        Assert.Equal((700, 500), PngSize(png));

        Assert.Throws<ArgumentException>(() => EvaluationPlots.LearningCurvesPng(png,
            new TrainLog(new[] { 1 }, new Dictionary<string, double[]> { ["valid_macro_f1"] = new[] { 0.3 } })));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TrainLogErrorsNameFileAndLine()
    {
        var dir = RepoPaths.NewTempFolder();
        var csv = Path.Combine(dir, "train_log.csv");
        File.WriteAllText(csv, "step,train_loss\n1,2.0\n");
        Assert.Contains("line 1: missing column epoch", Assert.Throws<ResultsFileException>(() => TrainLog.Read(csv)).Message);
        File.WriteAllText(csv, "epoch,train_loss\n1,2.0\n2,abc\n");
        var e = Assert.Throws<ResultsFileException>(() => TrainLog.Read(csv));
        Assert.Contains(csv, e.Message);
        Assert.Contains("line 3: train_loss 'abc' is not a number", e.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void LabelDistributionPng()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "labels.png");
        var counts = new[] { "neutral", "happiness", "sadness", "surprise", "fear", "anger", "disgust", "contempt", "masked" }
            .Select((c, i) => new KeyValuePair<string, int>(c, 50 + 10 * i)).ToList();
        EvaluationPlots.LabelDistributionPng(path, counts, "T3 labels");
        var (w, h) = PngSize(path);
        Assert.Equal(480, h);
        Assert.True(w >= 9 * 90, $"wide enough for 9 labels, got {w}");
        Assert.Throws<ArgumentException>(() => EvaluationPlots.LabelDistributionPng(path, new List<KeyValuePair<string, int>>(), "x"));
        Directory.Delete(dir, true);
    }
}
