using SerKit.Corpus;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>The audiovisual data of an orofacial training run: manifests, where their face tracks are, and how features and targets are made.</summary>
public sealed record OrofacialDataRequest(Manifest Train)
{
    /// <summary>Validation utterances (early stopping on their landmark RMSE); null: every epoch runs and the last is kept.</summary>
    public Manifest? Valid { get; init; }

    /// <summary>Folder of face tracks <c>&lt;id&gt;.csv</c> (OpenFace schema, e.g. from <c>serkit faces</c>); a manifest <c>face</c> column overrides it.</summary>
    public string? FacesDirectory { get; init; }

    /// <summary>Speech features (log-mel, 64 bands, 10 ms hop by default; computed from the audio or read from a <c>serkit extract</c> index).</summary>
    public FeatureInput Features { get; init; } = new();

    /// <summary>How face tracks become targets.</summary>
    public OrofacialDataOptions Data { get; init; } = new();

    /// <summary>Threads that read face tracks and compute features (does not change the result).</summary>
    public int Workers { get; init; } = 1;
}
