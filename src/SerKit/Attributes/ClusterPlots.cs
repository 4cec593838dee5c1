using System.Globalization;
using ScottPlot;
using SerKit.Evaluation;

namespace SerKit.Attributes;

/// <summary>
/// The picture of a <see cref="ClusterAttributeTable"/> (ScottPlot, headless, written atomically): left, each cluster's mean of every
/// attribute with error bars of ± one sample standard deviation (attributes side by side, N under each cluster); right, the utterances in
/// the arousal–valence plane (or the first two attributes) coloured by cluster, with each cluster's mean as a large marker.
/// </summary>
public static class ClusterPlots
{
    /// <summary>Writes the plot; <paramref name="values"/> and <paramref name="clusters"/> are the utterances the table was built from.</summary>
    public static void AttributesPng(string path, ClusterAttributeTable table, IReadOnlyList<double[]> values, IReadOnlyList<int> clusters, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (values.Count != clusters.Count) throw new ArgumentException($"{values.Count} rows of values but {clusters.Count} cluster indices");
        int k = table.Rows.Count, a = table.Attributes.Count;
        var palette = new ScottPlot.Palettes.Category10();

        var means = new Plot();
        double step = Math.Min(0.8 / Math.Max(1, a), 0.25);
        for (int j = 0; j < a; j++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var errors = new List<double>();
            foreach (var r in table.Rows.Where(r => !double.IsNaN(r.Mean[j])))
            {
                xs.Add(r.Cluster + (j - (a - 1) / 2.0) * step);
                ys.Add(r.Mean[j]);
                errors.Add(double.IsNaN(r.Std[j]) ? 0 : r.Std[j]);
            }
            if (xs.Count == 0) continue;
            var color = palette.GetColor(j);
            var bars = means.Add.ErrorBar(xs.ToArray(), ys.ToArray(), errors.ToArray());
            bars.Color = color;
            bars.LineWidth = 1.5f;
            bars.CapSize = 5;
            var dots = means.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            dots.LineWidth = 0;
            dots.MarkerSize = 8;
            dots.LegendText = double.IsNaN(table.EtaSquared[j]) ? $"{table.Attributes[j]} (η² –)"
                : string.Create(CultureInfo.InvariantCulture, $"{table.Attributes[j]} (η² {table.EtaSquared[j]:0.00})");
        }
        means.Axes.Bottom.SetTicks(Enumerable.Range(0, k).Select(i => (double)i).ToArray(),
            table.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Cluster}\nN={r.Size}")).ToArray());
        means.Axes.SetLimitsX(-0.6, k - 0.4);
        means.Title((title is null ? "" : title + ": ") + "attributes per cluster (mean ± std)", 15);
        means.XLabel("Cluster", 14);
        means.YLabel("Attribute value", 14);
        means.ShowLegend(Alignment.UpperRight);

        var multiplot = new Multiplot(means);
        if (a >= 2)
        {
            int xIndex = IndexOf(table.Attributes, "valence") ?? 1, yIndex = IndexOf(table.Attributes, "arousal") ?? 0;
            if (xIndex == yIndex) (xIndex, yIndex) = (1, 0);
            var plane = new Plot();
            IPalette cycle = k <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
            for (int c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, values.Count).Where(i => clusters[i] == c).ToArray();
                if (members.Length == 0) continue;
                var color = cycle.GetColor(c);
                var points = plane.Add.Scatter(members.Select(i => values[i][xIndex]).ToArray(), members.Select(i => values[i][yIndex]).ToArray(), color.WithAlpha(0.55));
                points.LineWidth = 0;
                points.MarkerSize = 5;
                points.LegendText = $"cluster {c}";
                var centre = plane.Add.Scatter(new[] { members.Average(i => values[i][xIndex]) }, new[] { members.Average(i => values[i][yIndex]) }, color);
                centre.LineWidth = 0;
                centre.MarkerSize = 16;
                centre.MarkerShape = MarkerShape.FilledDiamond;
            }
            plane.Title($"{table.Attributes[yIndex]} vs {table.Attributes[xIndex]} by cluster (◆ = cluster mean)", 15);
            plane.XLabel(table.Attributes[xIndex], 14);
            plane.YLabel(table.Attributes[yIndex], 14);
            if (k <= 20) plane.ShowLegend(Edge.Right);
            multiplot.AddPlot(plane);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        }
        EvaluationPlots.Save(path, multiplot, a >= 2 ? Math.Max(1300, 700 + 60 * k) : Math.Max(700, 100 + 60 * k), 560);
    }

    private static int? IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }
}
