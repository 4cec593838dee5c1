namespace SerKit.Pretext;

/// <summary>
/// T1's corpus step: z-normalises each utterance's statistic within its group (population
/// mean and standard deviation of the group's statistics; a group whose statistics are all
/// equal gives z = 0) and splits the z-scores at their corpus median. Utterances without a
/// statistic, or in a group with fewer than <see cref="EnergyOptions.MinGroupSize"/>
/// statistics, get no label.
/// </summary>
public static class EnergyLabels
{
    /// <summary>
    /// Z-scores and labels, aligned with <paramref name="items"/> (group key, statistic), and the
    /// median of the z-scores (null when nothing is labelled).
    /// </summary>
    public static (double?[] Z, int?[] Labels, double? Median) Compute(IReadOnlyList<(string Group, double? Statistic)> items, int minGroupSize)
    {
        var z = new double?[items.Count];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Statistic is null) continue;
            if (!groups.TryGetValue(items[i].Group, out var list)) groups[items[i].Group] = list = new List<int>();
            list.Add(i);
        }
        foreach (var members in groups.Values)
        {
            if (members.Count < minGroupSize) continue;
            double mean = members.Average(i => items[i].Statistic!.Value);
            double var = members.Sum(i => Math.Pow(items[i].Statistic!.Value - mean, 2)) / members.Count;
            double std = Math.Sqrt(var);
            foreach (var i in members) z[i] = std > 1e-12 * Math.Max(1, Math.Abs(mean)) ? (items[i].Statistic!.Value - mean) / std : 0.0;
        }
        var median = MedianSplit.Median(z.Where(v => v.HasValue).Select(v => v!.Value));
        var labels = z.Select(v => v is { } x && median is { } m ? MedianSplit.Label(x, m) : (int?)null).ToArray();
        return (z, labels, median);
    }
}
