namespace SerKit.Corpus;

/// <summary>
/// One rater's answer for one utterance: usually one label, several for multi-choice protocols
/// (e.g. MSP-Podcast's secondary emotions). Labels are distinct and in the order given.
/// </summary>
public sealed record RaterVote(string Rater, IReadOnlyList<string> Labels)
{
    /// <inheritdoc />
    public bool Equals(RaterVote? other) =>
        other is not null && Rater == other.Rater && Labels.SequenceEqual(other.Labels);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rater, Labels.Count);
}
