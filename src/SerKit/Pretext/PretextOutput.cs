namespace SerKit.Pretext;

/// <summary>
/// Writes a pretext run into a folder: <c>pretext.csv</c>, <c>pretext.json</c> and, for each
/// task run, <c>t1_distribution.png</c>, <c>t2_distribution.png</c>, <c>t3_distribution.png</c>.
/// Every file is written atomically.
/// </summary>
public static class PretextOutput
{
    /// <summary>Writes the files; returns their paths (CSV, JSON, then the PNGs).</summary>
    public static IReadOnlyList<string> Write(string folder, PretextResult result)
    {
        var dir = Path.GetFullPath(folder);
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        var (csv, json) = PretextLabelSet.PathsFor(Path.Combine(dir, PretextLabelSet.CsvFileName));
        result.Labels.Write(csv);
        written.Add(csv);
        written.Add(json);
        var s = result.Summary;
        var items = result.Labels.Items;
        if (s.T1 is not null)
        {
            var p = Path.Combine(dir, "t1_distribution.png");
            var mode = result.Options.Energy.Statistic == EnergyStatistic.Variation ? "std of speech-frame dB" : "mean speech-frame dB";
            PretextPlots.Histogram(p, "T1 energy", $"{mode}, z-normalised per {result.Options.Energy.Grouping.ToString().ToLowerInvariant()}",
                items.Where(l => l.T1 is not null).Select(l => l.EnergyZ!.Value).ToArray(), s.T1Median, s.T1);
            written.Add(p);
        }
        if (s.T2 is not null)
        {
            var p = Path.Combine(dir, "t2_distribution.png");
            PretextPlots.Histogram(p, "T2 facial activation", "mean landmark motion per frame (inter-ocular distances)",
                items.Where(l => l.T2 is not null).Select(l => l.Activation!.Value).ToArray(), s.T2Median, s.T2);
            written.Add(p);
        }
        if (s.T3Counts is not null)
        {
            var p = Path.Combine(dir, "t3_distribution.png");
            PretextPlots.ClassBars(p, "T3 emotion from AU combinations", result.Labels.T3Classes, s.T3Counts, s.T3Masked);
            written.Add(p);
        }
        return written;
    }
}
