using System.Globalization;
using ScottPlot;

namespace SerKit.Evaluation;

/// <summary>
/// PNG plots that summarise many runs (ScottPlot, headless, written atomically, the style of
/// <see cref="EvaluationPlots"/>): mean learning curves with ± std bands, a label-efficiency plot (metric
/// against the share of training labels, one line per condition, error bars), label distributions of
/// several groups side by side (e.g. the folds), and several label distributions as panels of one image.
/// </summary>
public static class AggregatePlots
{
    private static readonly string[] MetricMarkers = { "f1", "acc", "ua", "wa", "ccc", "precision", "recall" };

    /// <summary>
    /// Writes the mean learning curves of <paramref name="average"/>: left every column ending in <c>loss</c>,
    /// right every metric column (names containing f1, acc, ua, wa, ccc, precision or recall) in percent; each
    /// line is the mean per epoch with a shaded band of ± one sample std (where at least two runs have a value).
    /// </summary>
    /// <exception cref="ArgumentException">No epochs or no loss column.</exception>
    public static void MeanLearningCurvesPng(string path, TrainLogAverage average, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(average);
        if (average.Epochs.Count == 0) throw new ArgumentException("the training logs have no epochs", nameof(average));
        var losses = average.Columns.Where(c => c.EndsWith("loss", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (losses.Length == 0) throw new ArgumentException($"the training logs have no loss column (columns: {string.Join(", ", average.Columns)})", nameof(average));
        var metrics = average.Columns.Where(c => !losses.Contains(c) && MetricMarkers.Any(m => c.Contains(m, StringComparison.OrdinalIgnoreCase))).ToArray();
        var x = average.Epochs.Select(e => (double)e).ToArray();
        string runs = $"mean ± std over {average.Logs} run{(average.Logs == 1 ? "" : "s")}";

        var palette = new ScottPlot.Palettes.Category10();
        var lossPlot = new Plot();
        for (int i = 0; i < losses.Length; i++) AddBand(lossPlot, x, average, losses[i], 1, palette.GetColor(i));
        lossPlot.Title((title is null ? "" : title + ": ") + $"loss per epoch ({runs})", 15);
        lossPlot.XLabel("Epoch", 14);
        lossPlot.YLabel("Loss", 14);
        lossPlot.ShowLegend(Alignment.UpperRight);
        lossPlot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        var multiplot = new Multiplot(lossPlot);
        if (metrics.Length > 0)
        {
            var metricPlot = new Plot();
            for (int i = 0; i < metrics.Length; i++) AddBand(metricPlot, x, average, metrics[i], 100, palette.GetColor(losses.Length + i));
            metricPlot.Title($"Validation metrics per epoch ({runs})", 15);
            metricPlot.XLabel("Epoch", 14);
            metricPlot.YLabel("%", 14);
            metricPlot.ShowLegend(Alignment.LowerRight);
            metricPlot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            multiplot.AddPlot(metricPlot);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        }
        EvaluationPlots.Save(path, multiplot, metrics.Length > 0 ? 1300 : 700, 520);
    }

    private static void AddBand(Plot plot, double[] x, TrainLogAverage average, string column, double scale, Color color)
    {
        var mean = average.Mean(column);
        var std = average.Std(column);
        var bx = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        var mx = new List<double>();
        var my = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(mean[i])) continue;
            mx.Add(x[i]);
            my.Add(scale * mean[i]);
            if (double.IsFinite(std[i]))
            {
                bx.Add(x[i]);
                low.Add(scale * (mean[i] - std[i]));
                high.Add(scale * (mean[i] + std[i]));
            }
        }
        if (mx.Count == 0) return;
        if (bx.Count >= 2)
        {
            var band = plot.Add.FillY(bx.ToArray(), low.ToArray(), high.ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
        }
        var line = plot.Add.Scatter(mx.ToArray(), my.ToArray(), color);
        line.LegendText = column;
        line.LineWidth = 2;
        line.MarkerSize = mx.Count > 60 ? 0 : 5;
    }

    /// <summary>
    /// Writes a label-efficiency plot: <paramref name="metric"/> (in percent unless <paramref name="percent"/> is false, e.g. for CCC) against the percentage of training labels,
    /// one line per condition with error bars of ± one sample std (none for a single fold or run). Conditions are
    /// shifted slightly sideways so their error bars do not hide each other; the ticks mark the fractions used.
    /// </summary>
    /// <exception cref="ArgumentException">No series, or a series whose fractions and values differ in length or leave (0, 1].</exception>
    public static void LabelEfficiencyPng(string path, IReadOnlyList<LabelEfficiencySeries> series, string metric = "Macro F1", string? title = null,
        bool percent = true)
    {
        double scale = percent ? 100 : 1;
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.All(s => s.LabelFractions.Count == 0)) throw new ArgumentException("no label-efficiency values to plot", nameof(series));
        foreach (var s in series)
        {
            if (s.LabelFractions.Count != s.Values.Count)
                throw new ArgumentException($"{s.Condition}: {s.LabelFractions.Count} fractions but {s.Values.Count} values", nameof(series));
            if (s.LabelFractions.Any(f => !(f > 0 && f <= 1)))
                throw new ArgumentException($"{s.Condition}: label fractions must be in (0, 1]", nameof(series));
        }
        var fractions = series.SelectMany(s => s.LabelFractions).Distinct().Order().ToArray();
        double span = Math.Max(100 * (fractions[^1] - fractions[0]), 10);
        double step = Math.Min(0.012 * span, 1.5);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.LabelFractions.Count == 0) continue;
            var order = Enumerable.Range(0, s.LabelFractions.Count).OrderBy(k => s.LabelFractions[k]).ToArray();
            double shift = (i - (series.Count - 1) / 2.0) * step;
            var xs = order.Select(k => 100 * s.LabelFractions[k] + shift).ToArray();
            var ys = order.Select(k => scale * s.Values[k].Mean).ToArray();
            var errors = order.Select(k => double.IsFinite(s.Values[k].Std) ? scale * s.Values[k].Std : 0).ToArray();
            var color = palette.GetColor(i);
            var bars = plot.Add.ErrorBar(xs, ys, errors);
            bars.Color = color;
            bars.LineWidth = 1.5f;
            bars.CapSize = 6;
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = s.Condition;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.Bottom.SetTicks(fractions.Select(f => 100 * f).ToArray(),
            fractions.Select(f => (100 * f).ToString("0.#", CultureInfo.InvariantCulture) + " %").ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        double margin = Math.Max(0.06 * span, 3);
        plot.Axes.SetLimitsX(100 * fractions[0] - margin, 100 * fractions[^1] + margin);
        plot.Title(title ?? $"Label efficiency: {metric} (mean ± std)", 15);
        plot.XLabel("Training labels used (%)", 14);
        plot.YLabel(percent ? metric + " (%)" : metric, 14);
        plot.ShowLegend(Alignment.LowerRight);
        EvaluationPlots.Save(path, plot, 900, 560);
    }

    /// <summary>
    /// Writes grouped bars: for each label of <paramref name="labels"/> one bar per group (e.g. per fold), with a
    /// legend naming the groups and N per group; counts are written above the bars when there are at most 48 bars.
    /// </summary>
    /// <exception cref="ArgumentException">No labels or groups, a group with the wrong number of counts, or a negative count.</exception>
    public static void GroupedLabelDistributionPng(string path, IReadOnlyList<string> labels,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<int>>> groups, string title)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        if (labels.Count == 0) throw new ArgumentException("no labels to plot", nameof(labels));
        if (groups.Count == 0) throw new ArgumentException("no groups to plot", nameof(groups));
        foreach (var (name, counts) in groups)
        {
            if (counts.Count != labels.Count) throw new ArgumentException($"group '{name}' has {counts.Count} counts for {labels.Count} labels", nameof(groups));
            if (counts.Any(c => c < 0)) throw new ArgumentException($"group '{name}' has a negative count", nameof(groups));
        }
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / groups.Count;
        bool labelled = labels.Count * groups.Count <= 48;
        int max = Math.Max(1, groups.Max(g => g.Value.Count == 0 ? 0 : g.Value.Max()));
        for (int g = 0; g < groups.Count; g++)
        {
            var (name, counts) = groups[g];
            var color = palette.GetColor(g);
            var bars = counts.Select((c, i) => new Bar
            {
                Position = i - 0.4 + width * (g + 0.5),
                Value = c,
                Size = width * 0.92,
                FillColor = color,
                LineWidth = 0,
                Label = labelled ? c.ToString(CultureInfo.InvariantCulture) : "",
            }).ToArray();
            var barPlot = plot.Add.Bars(bars);
            barPlot.ValueLabelStyle.FontSize = 11;
            barPlot.LegendText = $"{name} (N = {counts.Sum()})";
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(-0.6, labels.Count - 0.4, 0, max * 1.18);
        plot.Title(title, 15);
        plot.YLabel("Count", 14);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Alignment.UpperRight);
        int slot = Math.Max(110, 18 * groups.Count + 40);
        EvaluationPlots.Save(path, plot, Math.Max(700, slot * labels.Count + 200), 500);
    }

    /// <summary>
    /// Writes grouped bars of means with error bars of ± one sample std: for each category of <paramref name="categories"/> (e.g. an
    /// attribute) one bar per series (e.g. a condition), the mean written above each bar when there are at most 48 bars.
    /// </summary>
    /// <exception cref="ArgumentException">No categories or series, or a series with the wrong number of values.</exception>
    public static void GroupedMeansPng(string path, IReadOnlyList<string> categories, IReadOnlyList<KeyValuePair<string, IReadOnlyList<MeanStd>>> series,
        string metric, string title)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new ArgumentException("no categories to plot", nameof(categories));
        if (series.Count == 0) throw new ArgumentException("no series to plot", nameof(series));
        foreach (var (name, values) in series)
            if (values.Count != categories.Count) throw new ArgumentException($"series '{name}' has {values.Count} values for {categories.Count} categories", nameof(series));
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / series.Count;
        bool labelled = categories.Count * series.Count <= 48;
        double low = 0, high = 0;
        for (int g = 0; g < series.Count; g++)
        {
            var (name, values) = series[g];
            var color = palette.GetColor(g);
            var bars = values.Select((v, i) => new Bar
            {
                Position = i - 0.4 + width * (g + 0.5),
                Value = v.Mean,
                Error = double.IsFinite(v.Std) ? v.Std : 0,
                Size = width * 0.92,
                FillColor = color,
                LineWidth = 0,
                Label = labelled ? v.Mean.ToString("0.000", CultureInfo.InvariantCulture) : "",
            }).ToArray();
            foreach (var b in bars)
            {
                low = Math.Min(low, b.Value - b.Error);
                high = Math.Max(high, b.Value + b.Error);
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.ValueLabelStyle.FontSize = 10;
            barPlot.LegendText = name;
            // Bars draw their error with their own (zero) line width: the whiskers are drawn on top instead.
            var whiskers = plot.Add.ErrorBar(bars.Select(b => b.Position).ToArray(), bars.Select(b => b.Value).ToArray(), bars.Select(b => b.Error).ToArray());
            whiskers.Color = Colors.Black;
            whiskers.LineWidth = 1.2f;
            whiskers.CapSize = 4;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        double span = Math.Max(high - low, 1e-3);
        plot.Axes.SetLimits(-0.6, categories.Count - 0.4, low < 0 ? low - 0.1 * span : 0, high + 0.25 * span);
        plot.Title(title, 15);
        plot.YLabel(metric, 14);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Alignment.UpperRight);
        int slot = Math.Max(110, 22 * series.Count + 40);
        EvaluationPlots.Save(path, plot, Math.Max(700, slot * categories.Count + 200), 500);
    }

    /// <summary>Writes several label distributions (bar charts with count and share, as <see cref="EvaluationPlots.LabelDistributionPng"/>) side by side.</summary>
    /// <exception cref="ArgumentException">No panels, or a panel without labels or with a negative count.</exception>
    public static void LabelDistributionPanelsPng(string path, IReadOnlyList<LabelCounts> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("no label distributions to plot", nameof(panels));
        var plots = panels.Select(p => EvaluationPlots.LabelBars(p.Counts, p.Title)).ToArray();
        var multiplot = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1)) multiplot.AddPlot(p);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        EvaluationPlots.Save(path, multiplot, panels.Sum(p => EvaluationPlots.LabelBarsWidth(p.Counts)), 480);
    }
}
