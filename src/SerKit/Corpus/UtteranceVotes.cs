namespace SerKit.Corpus;

/// <summary>The individual raters' answers for one utterance (one <see cref="RaterVote"/> per rater).</summary>
public sealed record UtteranceVotes(string Id, IReadOnlyList<RaterVote> Votes)
{
    /// <summary>
    /// For each of <paramref name="classes"/>, how many raters chose it (a rater who chose several labels
    /// counts once for each); labels outside <paramref name="classes"/> are not counted.
    /// </summary>
    public int[] Counts(IReadOnlyList<string> classes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++) index[classes[i]] = i;
        var counts = new int[classes.Count];
        foreach (var v in Votes)
            foreach (var label in v.Labels)
                if (index.TryGetValue(label, out var i)) counts[i]++;
        return counts;
    }

    /// <inheritdoc />
    public bool Equals(UtteranceVotes? other) =>
        other is not null && Id == other.Id && Votes.SequenceEqual(other.Votes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Votes.Count);
}
