namespace SerKit.Corpus;

/// <summary>
/// The raters' votes for one CREMA-D clip in one rating session: counts per emotion in the order
/// of <see cref="CremaD.EmotionCodes"/> (ANG, DIS, FEA, HAP, NEU, SAD).
/// </summary>
public sealed record CremaDVotes(string FileName, IReadOnlyList<int> Counts)
{
    /// <summary>All votes.</summary>
    public int Total => Counts.Sum();

    /// <summary>Votes for an emotion code (ANG, DIS, …).</summary>
    public int this[string emotion] => Counts[IndexOf(emotion)];

    /// <summary>The emotion with strictly more than half of all votes, or null.</summary>
    public string? Majority()
    {
        int total = Total;
        for (int i = 0; i < Counts.Count; i++)
        {
            if (2 * Counts[i] > total) return CremaD.EmotionCodes[i];
        }
        return null;
    }

    /// <summary>The emotion with the most votes, or null when two or more share the most (or there are no votes).</summary>
    public string? Plurality()
    {
        int best = Counts.Max();
        if (best == 0) return null;
        int winner = -1;
        for (int i = 0; i < Counts.Count; i++)
        {
            if (Counts[i] != best) continue;
            if (winner >= 0) return null;
            winner = i;
        }
        return CremaD.EmotionCodes[winner];
    }

    /// <summary>Each emotion's share of the votes (all zero when there are no votes).</summary>
    public IReadOnlyList<double> Shares()
    {
        int total = Total;
        return Counts.Select(c => total == 0 ? 0.0 : (double)c / total).ToArray();
    }

    /// <inheritdoc />
    public bool Equals(CremaDVotes? other) =>
        other is not null && FileName == other.FileName && Counts.SequenceEqual(other.Counts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FileName, Total);

    private static int IndexOf(string emotion)
    {
        for (int i = 0; i < CremaD.EmotionCodes.Count; i++)
        {
            if (CremaD.EmotionCodes[i] == emotion) return i;
        }
        throw new ArgumentException($"'{emotion}' is not one of {string.Join(", ", CremaD.EmotionCodes)}", nameof(emotion));
    }
}
