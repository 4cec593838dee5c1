namespace SerKit.Corpus;

/// <summary>
/// Collects utterances for a <see cref="Manifest"/>, normalising paths against the root and
/// refusing empty or duplicate ids and paths that leave the root, with the location of each
/// utterance in its source file in the error.
/// </summary>
internal sealed class ManifestBuilder
{
    private readonly List<Utterance> _items = new();
    private readonly Dictionary<string, string> _firstSeen = new(StringComparer.Ordinal);

    internal ManifestBuilder(string root, string source)
    {
        Root = ManifestPaths.NormalizeRoot(root);
        Source = source;
    }

    internal string Root { get; }

    internal string Source { get; }

    internal int Count => _items.Count;

    internal void Add(Utterance utterance, string location)
    {
        if (string.IsNullOrWhiteSpace(utterance.Id))
            throw new ManifestException(Source, location, "empty utterance id");
        if (_firstSeen.TryGetValue(utterance.Id, out var first))
            throw new ManifestException(Source, location, $"duplicate id '{utterance.Id}' (first at {first})");
        if (!ManifestPaths.TryMakeRelative(Root, utterance.Path, out var relative, out var problem))
            throw new ManifestException(Source, location, problem);
        if (utterance.Duration is { } d && (double.IsNaN(d) || double.IsInfinity(d) || d < 0))
            throw new ManifestException(Source, location, $"duration {d} is not a length in seconds");
        _firstSeen.Add(utterance.Id, location);
        _items.Add(relative == utterance.Path ? utterance : utterance with { Path = relative });
    }

    internal Manifest Build() => new(Root, _items, Source, validated: true);
}
