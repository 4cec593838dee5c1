using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class AggregatePlotsTests
{
    private static TrainLog Log(int epochs, double offset, bool withValidation = true)
    {
        var e = Enumerable.Range(1, epochs).ToArray();
        var series = new Dictionary<string, double[]>
        {
            ["train_loss"] = e.Select(x => 1.0 / x + offset).ToArray(),
            // Epoch 2 has no validation value (empty cell in the CSV).
            ["valid_macro_f1"] = e.Select(x => withValidation && x != 2 ? 0.1 * x + offset : double.NaN).ToArray(),
        };
        return new TrainLog(e, series);
    }

    [Fact]
    public void TrainLogAverageIsPerEpochOverTheLogsThatHaveAValue()
    {
        var a = TrainLogAverage.Of(new[] { Log(3, 0), Log(4, 0.02), Log(2, 0.04, withValidation: false) });
        Assert.Equal(3, a.Logs);
        Assert.Equal(new[] { 1, 2, 3, 4 }, a.Epochs);
        Assert.Equal(new[] { "train_loss", "valid_macro_f1" }, a.Columns);
        // train_loss at epoch 1: 1, 1.02, 1.04 → mean 1.02, std 0.02; epoch 3: 1/3 and 1/3 + 0.02; epoch 4 one log.
        Assert.Equal(1.02, a.Mean("train_loss")[0], 12);
        Assert.Equal(0.02, a.Std("train_loss")[0], 12);
        Assert.Equal(1.0 / 3 + 0.01, a.Mean("train_loss")[2], 12);
        Assert.Equal(new[] { 3, 3, 2, 1 }, a.Count("train_loss"));
        Assert.True(double.IsNaN(a.Std("train_loss")[3]));
        // valid_macro_f1: epoch 1 from two logs (0.1, 0.12), none at epoch 2, epoch 4 only the second log.
        Assert.Equal(new[] { 2, 0, 2, 1 }, a.Count("valid_macro_f1"));
        Assert.Equal(0.11, a.Mean("valid_macro_f1")[0], 12);
        Assert.True(double.IsNaN(a.Mean("valid_macro_f1")[1]));
        Assert.Equal(0.42, a.Mean("valid_macro_f1")[3], 12);

        Assert.Throws<ArgumentException>(() => TrainLogAverage.Of(Array.Empty<TrainLog>()));
        Assert.Contains("epoch twice", Assert.Throws<ArgumentException>(() =>
            TrainLogAverage.Of(new[] { new TrainLog(new[] { 1, 1 }, new Dictionary<string, double[]> { ["train_loss"] = new[] { 1.0, 0.5 } }) })).Message);
        Assert.Contains("no column 'ua'", Assert.Throws<ArgumentException>(() => a.Mean("ua")).Message);
    }

    [Fact]
    public void WritesEachAggregatePlot()
    {
        var dir = RepoPaths.NewTempFolder();
        var curves = Path.Combine(dir, "curves.png");
        AggregatePlots.MeanLearningCurvesPng(curves, TrainLogAverage.Of(new[] { Log(5, 0), Log(6, 0.03) }), "T1");
        Assert.Equal((1300, 520), PngFile.Size(curves));

        var efficiency = Path.Combine(dir, "efficiency.png");
        AggregatePlots.LabelEfficiencyPng(efficiency, new[]
        {
            new LabelEfficiencySeries("baseline", new[] { 0.1, 0.25, 1.0 }, new[] { new MeanStd(0.3, 0.02, 5), new MeanStd(0.4, 0.03, 5), new MeanStd(0.5, double.NaN, 1) }),
            new LabelEfficiencySeries("T1", new[] { 1.0, 0.1 }, new[] { new MeanStd(0.55, 0.01, 5), new MeanStd(0.35, 0.02, 5) }),
        });
        Assert.Equal((900, 560), PngFile.Size(efficiency));

        var grouped = Path.Combine(dir, "grouped.png");
        AggregatePlots.GroupedLabelDistributionPng(grouped, new[] { "ANG", "HAP", "NEU" }, new[]
        {
            new KeyValuePair<string, IReadOnlyList<int>>("fold 1", new[] { 5, 6, 7 }),
            new KeyValuePair<string, IReadOnlyList<int>>("fold 2", new[] { 4, 8, 0 }),
        }, "Labels per fold");
        var (w, h) = PngFile.Size(grouped);
        Assert.True(w >= 700 && h == 500, $"{w}×{h}");

        var panels = Path.Combine(dir, "panels.png");
        AggregatePlots.LabelDistributionPanelsPng(panels, new[]
        {
            new LabelCounts("T1", new KeyValuePair<string, int>[] { new("low", 4), new("high", 4), new("no label", 1) }),
            new LabelCounts("T3", new KeyValuePair<string, int>[] { new("happiness", 2), new("neutral", 6), new("no label", 1) }),
        });
        (w, h) = PngFile.Size(panels);
        Assert.True(w >= 1200 && h == 480, $"{w}×{h}");

        Assert.Contains("2 fractions but 1 values", Assert.Throws<ArgumentException>(() => AggregatePlots.LabelEfficiencyPng(Path.Combine(dir, "x.png"),
            new[] { new LabelEfficiencySeries("T1", new[] { 0.5, 1.0 }, new[] { new MeanStd(0.5, 0.1, 3) }) })).Message);
        Assert.Contains("(0, 1]", Assert.Throws<ArgumentException>(() => AggregatePlots.LabelEfficiencyPng(Path.Combine(dir, "x.png"),
            new[] { new LabelEfficiencySeries("T1", new[] { 50.0 }, new[] { new MeanStd(0.5, 0.1, 3) }) })).Message);
        Assert.Contains("has 2 counts for 3 labels", Assert.Throws<ArgumentException>(() => AggregatePlots.GroupedLabelDistributionPng(Path.Combine(dir, "x.png"),
            new[] { "A", "B", "C" }, new[] { new KeyValuePair<string, IReadOnlyList<int>>("fold 1", new[] { 1, 2 }) }, "t")).Message);
        Assert.Contains("no loss column", Assert.Throws<ArgumentException>(() => AggregatePlots.MeanLearningCurvesPng(Path.Combine(dir, "x.png"),
            TrainLogAverage.Of(new[] { new TrainLog(new[] { 1 }, new Dictionary<string, double[]> { ["valid_ua"] = new[] { 0.5 } }) }))).Message);
        Assert.False(File.Exists(Path.Combine(dir, "x.png")));
        Directory.Delete(dir, true);
    }
}
