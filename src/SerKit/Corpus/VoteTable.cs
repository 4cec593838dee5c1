namespace SerKit.Corpus;

/// <summary>
/// Individual annotators' votes of a corpus: per utterance, each rater's label(s). Read from a
/// generic vote table (<see cref="VoteTableFile"/>) or from CREMA-D's per-rater responses
/// (<see cref="CremaDResponses"/>). Utterance ids are unique; a rater answers an utterance at most once.
/// </summary>
public sealed class VoteTable
{
    private readonly Dictionary<string, UtteranceVotes> _byId;

    /// <summary>A table of <paramref name="utterances"/> (ids must be distinct) read from <paramref name="source"/>.</summary>
    public VoteTable(IEnumerable<UtteranceVotes> utterances, string? source = null)
    {
        Utterances = utterances.ToArray();
        Source = source;
        _byId = new Dictionary<string, UtteranceVotes>(StringComparer.Ordinal);
        foreach (var u in Utterances)
            if (!_byId.TryAdd(u.Id, u)) throw new ArgumentException($"utterance '{u.Id}' appears twice in the vote table");
    }

    /// <summary>The file the votes were read from, when they were read from one.</summary>
    public string? Source { get; }

    /// <summary>The utterances in the order they first appeared.</summary>
    public IReadOnlyList<UtteranceVotes> Utterances { get; }

    /// <summary>The votes of utterance <paramref name="id"/>, or null when it has none.</summary>
    public UtteranceVotes? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Every distinct label chosen by any rater, in ordinal order.</summary>
    public IReadOnlyList<string> Labels =>
        Utterances.SelectMany(u => u.Votes).SelectMany(v => v.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Number of distinct raters.</summary>
    public int Raters => Utterances.SelectMany(u => u.Votes).Select(v => v.Rater).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Number of (rater, utterance) answers.</summary>
    public int Answers => Utterances.Sum(u => u.Votes.Count);
}
