namespace SerKit.Pretext;

/// <summary>
/// The median split of T1 and T2: an utterance is high (1) when its statistic is at or above
/// the corpus median of the statistics, low (0) otherwise. The median of an even count is the
/// mean of the two middle values.
/// </summary>
public static class MedianSplit
{
    /// <summary>The median of <paramref name="values"/>, or null when there are none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return null;
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>1 when <paramref name="value"/> ≥ <paramref name="median"/>, else 0.</summary>
    public static int Label(double value, double median) => value >= median ? 1 : 0;
}
