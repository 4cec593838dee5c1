namespace SerKit.Corpus;

/// <summary>
/// One utterance of a manifest. <see cref="Path"/> is relative to the manifest's root and
/// uses '/' separators; <see cref="Speaker"/> and <see cref="Label"/> are null when unknown.
/// Two utterances are equal when all fields, the duration and the extra fields are equal
/// (extra fields compared as a set of key/value pairs).
/// </summary>
public sealed record Utterance(string Id, string Path, string? Speaker, string? Label)
{
    private static readonly IReadOnlyDictionary<string, string> NoExtra = new Dictionary<string, string>();
    private readonly IReadOnlyDictionary<string, string> _extra = NoExtra;

    /// <summary>Fields beyond id, path, speaker, label and duration, in the order they were read.</summary>
    public IReadOnlyDictionary<string, string> Extra
    {
        get => _extra;
        init => _extra = value ?? NoExtra;
    }

    /// <summary>Length in seconds, when known.</summary>
    public double? Duration { get; init; }

    /// <inheritdoc />
    public bool Equals(Utterance? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        return string.Equals(Id, other.Id, StringComparison.Ordinal)
            && string.Equals(Path, other.Path, StringComparison.Ordinal)
            && string.Equals(Speaker, other.Speaker, StringComparison.Ordinal)
            && string.Equals(Label, other.Label, StringComparison.Ordinal)
            && Duration == other.Duration
            && SameExtra(Extra, other.Extra);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Path, Speaker, Label, Duration, Extra.Count);

    private static bool SameExtra(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
