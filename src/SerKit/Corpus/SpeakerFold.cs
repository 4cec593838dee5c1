namespace SerKit.Corpus;

/// <summary>One speaker-independent fold: disjoint speaker lists (each in ordinal order).</summary>
public sealed record SpeakerFold(int Number, IReadOnlyList<string> Train, IReadOnlyList<string> Valid, IReadOnlyList<string> Test)
{
    /// <summary>The speakers of one part.</summary>
    public IReadOnlyList<string> Speakers(FoldSplit split) => split switch
    {
        FoldSplit.Train => Train,
        FoldSplit.Valid => Valid,
        FoldSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split)),
    };

    /// <summary>Which part a speaker is in, or null when the speaker is not in this fold.</summary>
    public FoldSplit? SplitOf(string speaker) =>
        Train.Contains(speaker) ? FoldSplit.Train : Valid.Contains(speaker) ? FoldSplit.Valid : Test.Contains(speaker) ? FoldSplit.Test : null;

    /// <inheritdoc />
    public bool Equals(SpeakerFold? other) =>
        other is not null && Number == other.Number && Train.SequenceEqual(other.Train)
        && Valid.SequenceEqual(other.Valid) && Test.SequenceEqual(other.Test);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, Train.Count, Valid.Count, Test.Count);
}
