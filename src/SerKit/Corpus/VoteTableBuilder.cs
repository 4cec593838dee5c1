namespace SerKit.Corpus;

/// <summary>Collects answers in file order and refuses a rater answering the same utterance twice.</summary>
internal sealed class VoteTableBuilder
{
    private readonly string _path;
    private readonly Dictionary<string, List<RaterVote>> _votes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<(string Id, string Rater), string> _seen = new();

    internal VoteTableBuilder(string path) => _path = path;

    /// <summary>Adds an answer; throws when the rater already answered the utterance.</summary>
    internal void Add(string id, string rater, IReadOnlyList<string> labels, string location)
    {
        if (!TryAdd(id, rater, labels, location, out var first))
            throw new ManifestException(_path, location, $"rater '{rater}' already answered utterance '{id}' at {first}");
    }

    /// <summary>Adds an answer unless the rater already answered the utterance (then <paramref name="first"/> is where).</summary>
    internal bool TryAdd(string id, string rater, IReadOnlyList<string> labels, string location, out string? first)
    {
        if (_seen.TryGetValue((id, rater), out first)) return false;
        _seen[(id, rater)] = location;
        if (!_votes.TryGetValue(id, out var list))
        {
            _votes[id] = list = [];
            _order.Add(id);
        }
        list.Add(new RaterVote(rater, labels));
        return true;
    }

    internal VoteTable Build() => new(_order.Select(id => new UtteranceVotes(id, _votes[id])), _path);
}
