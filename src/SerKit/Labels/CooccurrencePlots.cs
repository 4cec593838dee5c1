using System.Globalization;
using ScottPlot;
using SerKit.Evaluation;

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
        EvaluationPlots.SaveSideBySide(path, left, right, k);
    }

    private static Plot Panel(IReadOnlyList<string> classes, double[,] values, double max, Func<double, string> label, string title,
        IColormap colormap, string xLabel, string yLabel) =>
        EvaluationPlots.ClassGridPanel(classes, values, max, label, title, colormap, xLabel, yLabel, boldDiagonal: false);
}
