using System.Globalization;
using ScottPlot;
using SerKit.IO;

namespace SerKit.Labels;

/// <summary>PNG heatmaps of a <see cref="CooccurrenceMatrix"/> (ScottPlot, headless; written atomically).</summary>
public static class CooccurrencePlots
{
    /// <summary>
    /// Writes two panels side by side: left the co-occurrence counts (diagonal as defined by the counting), right the
    /// penalty (row = target class, column = predicted class; 0 light, 1 dark (magma)).
    /// </summary>
    public static void HeatmapPng(string path, CooccurrenceMatrix m, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        int k = m.Classes.Count;
        var counts = new double[k, k];
        var penalty = new double[k, k];
        double maxCount = 1, maxPenalty = 1;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                counts[i, j] = m.Counts[i, j];
                penalty[i, j] = m.Penalty.Values[i][j];
                maxCount = Math.Max(maxCount, counts[i, j]);
                maxPenalty = Math.Max(maxPenalty, penalty[i, j]);
            }
        var unit = m.Options.Counting == CooccurrenceCounting.Presence ? "utterances" : "vote pairs";
        var left = Panel(m.Classes, counts, maxCount, v => v.ToString("0", CultureInfo.InvariantCulture),
            (title is null ? "" : title + ": ") + $"co-occurrences ({unit}, N = {m.Utterances} utterances)",
            new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()), "Class", "Class");
        var right = Panel(m.Classes, penalty, maxPenalty, v => v.ToString("0.00", CultureInfo.InvariantCulture),
            $"Penalty ({m.Options.Normalization.ToString().ToLowerInvariant()})",
            new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Magma()), "Predicted class", "Target class");
        int cell = Math.Clamp(540 / k, 36, 90);
        int side = 150 + cell * k;
        var multiplot = new Multiplot(left);
        multiplot.AddPlot(right);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        using var image = multiplot.Render(2 * side, side + 40);
        var bytes = image.GetImageBytes(ImageFormat.Png, 100);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    private static Plot Panel(IReadOnlyList<string> classes, double[,] values, double max, Func<double, string> label, string title,
        IColormap colormap, string xLabel, string yLabel)
    {
        int k = classes.Count;
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        // Cell (row i, column j) covers x ∈ [j, j+1], y ∈ [k−i−1, k−i]: the first class is the top row.
        heatmap.Rectangle = new CoordinateRect(0, k, 0, k);
        float fontSize = Math.Clamp(120f / k, 10f, 18f);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                var text = plot.Add.Text(label(values[i, j]), j + 0.5, k - i - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = values[i, j] / max > 0.55 ? Colors.White : Colors.Black;
            }
        var positions = Enumerable.Range(0, k).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.SetTicks(positions, classes.ToArray());
        plot.Axes.Left.SetTicks(positions, classes.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(0, k, 0, k);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        plot.Title(title, 14);
        plot.Grid.IsVisible = false;
        return plot;
    }
}
