using System.Globalization;
using ScottPlot;
using SerKit.IO;

namespace SerKit.Pretext;

/// <summary>
/// The PNGs of a pretext run: for T1 and T2 a histogram of the statistic that is split (low
/// bins blue, high bins orange) with the median as a dashed line and the high/low/masked counts
/// in the title; for T3 a bar chart of the utterances per class plus a grey masked bar.
/// Written atomically.
/// </summary>
public static class PretextPlots
{
    /// <summary>Width and height of the PNGs in pixels.</summary>
    public const int Width = 900, Height = 560;

    private static readonly Color LowColor = new(0x1f, 0x77, 0xb4);
    private static readonly Color HighColor = new(0xff, 0x7f, 0x0e);
    private static readonly Color MaskedColor = new(0x99, 0x99, 0x99);

    /// <summary>Histogram of a binary task's statistic with its median split.</summary>
    public static void Histogram(string path, string title, string axisLabel, IReadOnlyList<double> values, double? median, PretextTaskCounts counts)
    {
        var plot = new Plot();
        var medianText = median is { } md ? ", median " + Format(md) : "";
        plot.Title($"{title}\nhigh {counts.High}, low {counts.Low}, masked {counts.Masked}{medianText}");
        plot.XLabel(axisLabel);
        plot.YLabel("utterances");
        if (values.Count == 0 || median is null)
        {
            plot.Add.Text("no utterance has a label for this task", 0, 0);
            plot.Axes.SetLimits(-1, 1, -1, 1);
        }
        else
        {
            double min = values.Min(), max = values.Max();
            int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Count)), 5, 60);
            double width = max > min ? (max - min) / bins : 1;
            if (max <= min) min -= width / 2;
            var counts2 = new int[bins];
            foreach (var v in values) counts2[Math.Clamp((int)((v - min) / width), 0, bins - 1)]++;
            var bars = new List<Bar>();
            for (int b = 0; b < bins; b++)
            {
                double centre = min + (b + 0.5) * width;
                bars.Add(new Bar
                {
                    Position = centre,
                    Value = counts2[b],
                    Size = width * 0.95,
                    FillColor = centre >= median ? HighColor : LowColor,
                    LineWidth = 0,
                });
            }
            plot.Add.Bars(bars);
            var line = plot.Add.VerticalLine(median.Value);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.Color = Colors.Black;
            plot.ShowLegend(
            [
                new LegendItem { LabelText = "low (below the median)", FillColor = LowColor },
                new LegendItem { LabelText = "high (at or above)", FillColor = HighColor },
                new LegendItem { LabelText = "median " + Format(median.Value), LineColor = Colors.Black, LinePattern = LinePattern.Dashed, LineWidth = 2 },
            ], Alignment.UpperRight);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Margins(bottom: 0, top: 0.25);
        }
        Save(plot, path);
    }

    /// <summary>Bar chart of the utterances per T3 class and the masked ones.</summary>
    public static void ClassBars(string path, string title, IReadOnlyList<string> classes, IReadOnlyList<int> counts, int masked)
    {
        var plot = new Plot();
        plot.Title($"{title}\nlabelled {counts.Sum()}, masked {masked}");
        plot.YLabel("utterances");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int c = 0; c <= classes.Count; c++)
        {
            bool isMasked = c == classes.Count;
            int n = isMasked ? masked : counts[c];
            bars.Add(new Bar
            {
                Position = c,
                Value = n,
                FillColor = isMasked ? MaskedColor : c == 0 ? LowColor : HighColor,
                Label = n.ToString(CultureInfo.InvariantCulture),
                LineWidth = 0,
            });
            ticks.Add(new Tick(c, isMasked ? "(masked)" : classes[c], true));
        }
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0, top: 0.15);
        Save(plot, path);
    }

    private static string Format(double v) =>
        (Math.Abs(v) < 1e-9 ? 0 : v).ToString("G4", CultureInfo.InvariantCulture);

    private static void Save(Plot plot, string path)
    {
        var bytes = plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png);
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
