using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// A pre-trained model folder loaded to start a downstream training from (fine-tuning, attribute regression): its model,
/// config and input normalisation, and the feature input set to the model's own feature settings. All null for a training
/// from scratch, with the features as given.
/// </summary>
public sealed record PretrainedEncoder(SerModel? Model, ModelConfig? Config, FeatureNormalization? Normalization, FeatureInput Features)
{
    /// <summary>Loads <paramref name="directory"/> (null: from scratch) and aligns <paramref name="features"/> with it.</summary>
    public static PretrainedEncoder Load(string? directory, FeatureInput features)
    {
        if (directory is null) return new PretrainedEncoder(null, null, null, features);
        var (model, config, normalization) = ModelDirectory.Load(directory);
        return new PretrainedEncoder(model, config, normalization, features with { Settings = config.Features });
    }
}
