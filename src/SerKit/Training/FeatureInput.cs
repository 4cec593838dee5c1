using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// Where training reads features from: computed on the fly from each manifest's audio (default, with an
/// in-memory cache), or read from a <c>serkit extract</c> output (<see cref="ExtractedIndex"/>, an
/// <c>index.csv</c> whose features must have been extracted with the model's feature settings).
/// </summary>
public sealed record FeatureInput
{
    /// <summary>Feature settings (log-mel, 64 bands, 25 ms / 10 ms by default).</summary>
    public ModelFeatures Settings { get; init; } = new();

    /// <summary>An extraction index to read features from instead of decoding audio.</summary>
    public string? ExtractedIndex { get; init; }

    /// <summary>Memory budget of the on-the-fly cache per manifest, in bytes.</summary>
    public long CacheBytes { get; init; } = 2L << 30;

    /// <summary>The feature source for <paramref name="manifest"/>.</summary>
    public IFeatureSource For(Manifest manifest)
    {
        if (ExtractedIndex is null) return new AudioFeatureSource(manifest, Settings.ToOptions(), CacheBytes);
        var source = new ExtractedFeatureSource(ExtractedIndex, Settings.Kind.ToString().ToLowerInvariant());
        int expected = FeatureExtractors.Create(Settings.ToOptions()).Dimension;
        if (source.Dimension != expected)
            throw new ArgumentException($"{ExtractedIndex}: features have {source.Dimension} dimensions, the model's settings give {expected}");
        return source;
    }
}
