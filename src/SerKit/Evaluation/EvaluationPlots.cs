using System.Globalization;
using ScottPlot;
using SerKit.IO;

namespace SerKit.Evaluation;

/// <summary>
/// PNG plots of an evaluation (ScottPlot, headless): the confusion matrix (counts and row-normalised
/// percentages side by side), learning curves from a training log, and a label distribution bar chart.
/// Files are written atomically.
/// </summary>
public static class EvaluationPlots
{
    private static readonly string[] MetricMarkers = { "f1", "acc", "ua", "wa", "ccc", "precision", "recall" };

    /// <summary>
    /// Writes the confusion matrix of <paramref name="m"/>: left the counts, right each row as a
    /// percentage of its true class (recall on the diagonal). Rows are the true classes (first class
    /// at the top), columns the predicted ones.
    /// </summary>
    public static void ConfusionMatrixPng(string path, ClassificationMetrics m, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        int k = m.Classes.Count;
        var counts = new double[k, k];
        var percent = new double[k, k];
        for (int t = 0; t < k; t++)
        {
            int support = m.Support[t];
            for (int p = 0; p < k; p++)
            {
                counts[t, p] = m.Count(t, p);
                percent[t, p] = support > 0 ? 100.0 * m.Count(t, p) / support : double.NaN;
            }
        }
        var left = ClassGridPanel(m.Classes, counts, Math.Max(1, counts.Cast<double>().Max()),
            v => ((int)v).ToString(CultureInfo.InvariantCulture),
            title is null ? $"Counts (N = {m.Num})" : $"{title}: counts (N = {m.Num})", ConfusionColors, "Predicted class", "True class", boldDiagonal: true);
        var right = ClassGridPanel(m.Classes, percent, 100,
            v => v.ToString("F0", CultureInfo.InvariantCulture) + "%",
            $"% of each true class (UA {100 * m.UA:F1}%)", ConfusionColors, "Predicted class", "True class", boldDiagonal: true);
        SaveSideBySide(path, left, right, k);
    }

    /// <summary>Two class-by-class panels side by side, sized for <paramref name="k"/> classes.</summary>
    internal static void SaveSideBySide(string path, Plot left, Plot right, int k)
    {
        int cell = Math.Clamp(540 / k, 36, 90);
        int side = 150 + cell * k;
        var multiplot = new Multiplot(left);
        multiplot.AddPlot(right);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Save(path, multiplot, 2 * side, side + 40);
    }

    private static IColormap ConfusionColors => new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()); // 0 white, max dark blue

    /// <summary>
    /// A class-by-class heatmap (rows top to bottom, columns left to right in class order) with each cell's value written
    /// in it, coloured from 0 to <paramref name="max"/>; NaN cells are white and shown as a dash.
    /// </summary>
    internal static Plot ClassGridPanel(IReadOnlyList<string> classes, double[,] values, double max, Func<double, string> label, string title,
        IColormap colormap, string xLabel, string yLabel, bool boldDiagonal)
    {
        int k = classes.Count;
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        heatmap.NaNCellColor = Colors.White;
        // Cell (row t, column p) covers x ∈ [p, p+1], y ∈ [k−t−1, k−t]: the first class is the top row.
        heatmap.Rectangle = new CoordinateRect(0, k, 0, k);
        float fontSize = Math.Clamp(120f / k, 11f, 18f);
        for (int t = 0; t < k; t++)
            for (int p = 0; p < k; p++)
            {
                double v = values[t, p];
                var text = plot.Add.Text(double.IsNaN(v) ? "–" : label(v), p + 0.5, k - t - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelBold = boldDiagonal && t == p;
                text.LabelFontColor = !double.IsNaN(v) && v / max > 0.55 ? Colors.White : Colors.Black;
            }
        var positions = Enumerable.Range(0, k).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.SetTicks(positions, classes.ToArray());
        plot.Axes.Left.SetTicks(positions, classes.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(0, k, 0, k);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        plot.Title(title, 15);
        plot.Grid.IsVisible = false;
        return plot;
    }

    /// <summary>
    /// Writes learning curves from <paramref name="log"/>: left every column whose name ends in
    /// <c>loss</c> (train and validation loss), right every metric column (names containing f1, acc,
    /// ua, wa, ccc, precision or recall), in percent, with the best epoch of <c>valid_macro_f1</c> marked.
    /// </summary>
    /// <exception cref="ArgumentException">The log has no epochs or no loss column.</exception>
    public static void LearningCurvesPng(string path, TrainLog log, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Epochs.Count == 0) throw new ArgumentException("the training log has no epochs", nameof(log));
        var losses = log.Columns.Where(c => c.EndsWith("loss", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (losses.Length == 0) throw new ArgumentException($"the training log has no loss column (columns: {string.Join(", ", log.Columns)})", nameof(log));
        var metrics = log.Columns.Where(c => !losses.Contains(c) && MetricMarkers.Any(mk => c.Contains(mk, StringComparison.OrdinalIgnoreCase))).ToArray();
        var x = log.Epochs.Select(e => (double)e).ToArray();

        var lossPlot = new Plot();
        foreach (var c in losses) AddSeries(lossPlot, x, log.Series[c], c, 1);
        lossPlot.Title((title is null ? "" : title + ": ") + "loss per epoch", 15);
        lossPlot.XLabel("Epoch", 14);
        lossPlot.YLabel("Loss", 14);
        lossPlot.ShowLegend(Alignment.UpperRight);

        var multiplot = new Multiplot(lossPlot);
        if (metrics.Length > 0)
        {
            var metricPlot = new Plot();
            foreach (var c in metrics) AddSeries(metricPlot, x, log.Series[c], c, 100);
            if (log.Series.TryGetValue("valid_macro_f1", out var f1) && f1.Any(double.IsFinite))
            {
                int best = Enumerable.Range(0, f1.Length).Where(i => double.IsFinite(f1[i])).MaxBy(i => f1[i]);
                var line = metricPlot.Add.VerticalLine(x[best]);
                line.LineColor = Colors.Gray;
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = $"best epoch {log.Epochs[best]}: {100 * f1[best]:F1}%";
            }
            metricPlot.Title("Validation metrics per epoch", 15);
            metricPlot.XLabel("Epoch", 14);
            metricPlot.YLabel("%", 14);
            metricPlot.ShowLegend(Alignment.LowerRight);
            multiplot.AddPlot(metricPlot);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        }
        Save(path, multiplot, metrics.Length > 0 ? 1200 : 700, 500);
    }

    private static void AddSeries(Plot plot, double[] x, double[] y, string name, double scale)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < y.Length; i++)
            if (double.IsFinite(y[i])) { xs.Add(x[i]); ys.Add(scale * y[i]); }
        if (xs.Count == 0) return;
        var s = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        s.LegendText = name;
        s.LineWidth = 2;
        s.MarkerSize = xs.Count > 60 ? 0 : 5;
    }

    /// <summary>
    /// Writes a bar chart of <paramref name="counts"/> (label → count, in the given order) with the
    /// count and share above each bar, e.g. the emotion classes of a corpus or the labels of a pretext task.
    /// </summary>
    /// <exception cref="ArgumentException">No labels, or a negative count.</exception>
    public static void LabelDistributionPng(string path, IReadOnlyList<KeyValuePair<string, int>> counts, string title)
    {
        var plot = LabelBars(counts, title);
        Save(path, plot, LabelBarsWidth(counts), 480);
    }

    /// <summary>The bar chart of <see cref="LabelDistributionPng"/> as a plot (to combine into panels).</summary>
    /// <exception cref="ArgumentException">No labels, or a negative count.</exception>
    internal static Plot LabelBars(IReadOnlyList<KeyValuePair<string, int>> counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0) throw new ArgumentException("no labels to plot", nameof(counts));
        if (counts.Any(c => c.Value < 0)) throw new ArgumentException("counts must not be negative", nameof(counts));
        int total = counts.Sum(c => c.Value);
        int max = Math.Max(1, counts.Max(c => c.Value));
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = counts.Select((c, i) => new Bar
        {
            Position = i,
            Value = c.Value,
            FillColor = IsNoLabel(c.Key) ? Colors.Gray : palette.GetColor(i),
            Label = $"{c.Value} ({(total > 0 ? 100.0 * c.Value / total : 0):F1}%)",
        }).ToArray();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 13;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, counts.Count).Select(i => (double)i).ToArray(), counts.Select(c => c.Key).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(-0.6, counts.Count - 0.4, 0, max * 1.15);
        plot.Title($"{title} (N = {total})", 15);
        plot.YLabel("Count", 14);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }

    /// <summary>Bars of utterances without a label (<c>no label</c>, <c>masked</c>, …) are grey.</summary>
    private static bool IsNoLabel(string key) =>
        key.Trim('(', ')') is "no label" or "no_label" or "masked" or "none" or "unlabelled";

    /// <summary>A width wide enough for every label to sit horizontally under its bar.</summary>
    internal static int LabelBarsWidth(IReadOnlyList<KeyValuePair<string, int>> counts)
    {
        int slot = Math.Max(90, 10 * counts.Max(c => c.Key.Length) + 24);
        return Math.Max(600, slot * counts.Count + 160);
    }

    internal static void Save(string path, Plot plot, int width, int height)
    {
        var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    internal static void Save(string path, Multiplot multiplot, int width, int height)
    {
        using var image = multiplot.Render(width, height);
        var bytes = image.GetImageBytes(ImageFormat.Png, 100);
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
