namespace SerKit.Orofacial;

/// <summary>The test result of one orofacial model: its variant name (<c>single</c>, <c>emotion</c>, <c>viseme</c>, <c>emotion_viseme</c>), where visemes came from, the model folder and the metrics.</summary>
public sealed record OrofacialVariantResult(string Variant, VisemeSource Visemes, string ModelDirectory, OrofacialMetrics Metrics)
{
    /// <summary>Epoch whose weights were kept (from the model's config), when known.</summary>
    public int? KeptEpoch { get; init; }
}
