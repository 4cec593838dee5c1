namespace SerKit.Training;

/// <summary>
/// The features of several corpora under one set of ids: utterance <c>rest</c> of corpus <c>name</c> is
/// addressed as <c>name/rest</c> (<see cref="Key"/>), so ids of different corpora never collide. Used to
/// pre-train on several unlabelled corpora, each extracted into its own folder.
/// </summary>
public sealed class CombinedFeatureSource : IFeatureSource
{
    private readonly IReadOnlyDictionary<string, IFeatureSource> _corpora;

    /// <summary>Combines <paramref name="corpora"/> (corpus name → its features); all must have the same dimension.</summary>
    /// <exception cref="ArgumentException">No corpus, a name that is empty or holds '/', or dimensions that differ.</exception>
    public CombinedFeatureSource(IReadOnlyDictionary<string, IFeatureSource> corpora)
    {
        ArgumentNullException.ThrowIfNull(corpora);
        if (corpora.Count == 0) throw new ArgumentException("no corpus to combine", nameof(corpora));
        foreach (var name in corpora.Keys)
            if (string.IsNullOrEmpty(name) || name.Contains('/')) throw new ArgumentException($"corpus name '{name}' is empty or holds '/'", nameof(corpora));
        var dims = corpora.Select(c => (c.Key, c.Value.Dimension)).ToArray();
        if (dims.Select(d => d.Dimension).Distinct().Count() != 1)
            throw new ArgumentException("the corpora's features have different dimensions: " + string.Join(", ", dims.Select(d => $"{d.Key} {d.Dimension}")), nameof(corpora));
        _corpora = new Dictionary<string, IFeatureSource>(corpora, StringComparer.Ordinal);
        Dimension = dims[0].Dimension;
    }

    /// <summary>The combined id of utterance <paramref name="id"/> of corpus <paramref name="corpus"/>: <c>corpus/id</c>.</summary>
    public static string Key(string corpus, string id) => corpus + "/" + id;

    /// <summary>Splits a combined id into corpus name and the corpus's own id; false when it has no '/'.</summary>
    public static bool TrySplit(string key, out string corpus, out string id)
    {
        int slash = key.IndexOf('/');
        corpus = slash > 0 ? key[..slash] : "";
        id = slash > 0 ? key[(slash + 1)..] : "";
        return slash > 0 && id.Length > 0;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public bool Contains(string id) => TrySplit(id, out var corpus, out var rest) && _corpora.TryGetValue(corpus, out var s) && s.Contains(rest);

    /// <inheritdoc />
    public float[] Load(string id, out int frames)
    {
        if (!TrySplit(id, out var corpus, out var rest)) throw new KeyNotFoundException($"utterance '{id}' is not of the form corpus/id");
        if (!_corpora.TryGetValue(corpus, out var source))
            throw new KeyNotFoundException($"utterance '{id}': no corpus '{corpus}' (corpora: {string.Join(", ", _corpora.Keys.Order(StringComparer.Ordinal))})");
        return source.Load(rest, out frames);
    }
}
