using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// Where training reads features from: computed on the fly from each manifest's audio (default, with an
/// in-memory cache), or read from a <c>serkit extract</c> output (<see cref="ExtractedIndex"/>, an
/// <c>index.csv</c> whose features must have been extracted with the model's feature settings), or read
/// from one extraction per corpus (<see cref="ExtractedCorpora"/>, ids <c>corpus/id</c>).
/// </summary>
public sealed record FeatureInput
{
    /// <summary>Feature settings (log-mel, 64 bands, 25 ms / 10 ms by default).</summary>
    public ModelFeatures Settings { get; init; } = new();

    /// <summary>An extraction index to read features from instead of decoding audio.</summary>
    public string? ExtractedIndex { get; init; }

    /// <summary>
    /// Extraction indexes by corpus name, for a manifest that combines corpora: utterance <c>name/id</c> is read as
    /// <c>id</c> from the index of corpus <c>name</c> (<see cref="CombinedFeatureSource"/>). Not together with <see cref="ExtractedIndex"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ExtractedCorpora { get; init; }

    /// <summary>Memory budget of the on-the-fly cache per manifest, in bytes.</summary>
    public long CacheBytes { get; init; } = 2L << 30;

    /// <summary>The feature source for <paramref name="manifest"/>.</summary>
    public IFeatureSource For(Manifest manifest)
    {
        if (ExtractedIndex is not null && ExtractedCorpora is not null)
            throw new ArgumentException("give either one extraction index or one per corpus, not both");
        if (ExtractedCorpora is not null)
            return new CombinedFeatureSource(ExtractedCorpora.ToDictionary(c => c.Key, c => (IFeatureSource)Extracted(c.Value), StringComparer.Ordinal));
        if (ExtractedIndex is null) return new AudioFeatureSource(manifest, Settings.ToOptions(), CacheBytes);
        return Extracted(ExtractedIndex);
    }

    private ExtractedFeatureSource Extracted(string index)
    {
        var source = new ExtractedFeatureSource(index, Settings.Kind.ToString().ToLowerInvariant());
        int expected = FeatureExtractors.Create(Settings.ToOptions()).Dimension;
        if (source.Dimension != expected)
            throw new ArgumentException($"{index}: features have {source.Dimension} dimensions, the model's settings give {expected}");
        return source;
    }
}
