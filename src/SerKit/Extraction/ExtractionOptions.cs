using SerKit.Audio;

namespace SerKit.Extraction;

/// <summary>What <see cref="FeatureExtractionJob"/> extracts and how it runs.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Feature kinds to extract; one output file per utterance and kind.</summary>
    public IReadOnlyList<FeatureOptions> Features { get; init; } = new[] { new FeatureOptions() };

    /// <summary>The folder that receives <c>&lt;kind&gt;/&lt;id&gt;.npy</c>, the index and the failure list.</summary>
    public required string OutputDirectory { get; init; }

    public FeatureFileFormat Format { get; init; } = FeatureFileFormat.Npy;

    /// <summary>Utterances processed at once; 0 = one per core.</summary>
    public int Workers { get; init; }

    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Allowed labels; an utterance with another label is reported as a failure. Null: no check.</summary>
    public IReadOnlySet<string>? Classes { get; init; }

    /// <summary>Minimum seconds between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);
}
