using SerKit.Audio;
using SerKit.Inference;
using SerKit.Media;
using SerKit.Modeling;
using SerKit.Runtime;

namespace SerKit.Attributes;

/// <summary>
/// Predicts emotional attributes with a trained attribute model folder (<see cref="AttributeTraining"/>): decodes the file to mono 16 kHz,
/// computes the model's features, embeds it whole or in windows (averaged, as <see cref="AttributeScoring"/>), and returns the attributes on
/// the training scale; a DeepEmoCluster model also gives the nearest k-means cluster. Thread-safe like <see cref="SerClassifier"/>.
/// </summary>
public sealed class AttributeRegressor : IDisposable
{
    private readonly SerModel _model;
    private readonly IFeatureExtractor _extractor;
    private readonly EmbeddingClusters? _clusters;
    private readonly HeadSpec _head;

    private AttributeRegressor(SerModel model, ModelConfig config, EmbeddingClusters? clusters)
    {
        _model = model;
        Config = config;
        _clusters = clusters;
        _head = config.Heads.FirstOrDefault(h => h.IsRegression) ?? throw new InvalidDataException("the model has no regression head (it is not an attribute model)");
        _extractor = FeatureExtractors.Create(config.Features.ToOptions());
    }

    /// <summary>Loads <paramref name="modelDir"/> (with its <c>clusters.json</c> when present); <paramref name="threads"/> &gt; 0 sets libtorch's thread count.</summary>
    public static AttributeRegressor Load(string modelDir, int threads = 0)
    {
        TorchRuntime.Start(threads);
        var (model, config, _) = ModelDirectory.Load(modelDir);
        if (!config.Heads.Any(h => h.IsRegression))
        {
            model.Dispose();
            throw new InvalidDataException($"{modelDir}: the model has no regression head (it is not an attribute model; use SerClassifier)");
        }
        var clusters = Path.Combine(modelDir, EmbeddingClusters.FileName);
        return new AttributeRegressor(model, config, File.Exists(clusters) ? EmbeddingClusters.Read(clusters) : null);
    }

    /// <summary>The model's config.</summary>
    public ModelConfig Config { get; }

    /// <summary>The attribute names, in output order.</summary>
    public IReadOnlyList<string> Attributes => _head.Classes;

    /// <summary>True for a DeepEmoCluster model with clusters.</summary>
    public bool HasClusters => _clusters is not null;

    /// <summary>Predicts a media file; throws <see cref="MediaException"/> naming it when it cannot be decoded or is too short.</summary>
    public AttributeResult Predict(string path)
    {
        var samples = AudioDecoder.ReadAll(path, Config.Features.SampleRate);
        if (samples.Length < _extractor.Options.MinimumSamples)
            throw new MediaException(path, $"too short ({samples.Length} samples, at least {_extractor.Options.MinimumSamples} needed)");
        var features = _extractor.Compute(samples, out int frames);
        return PredictFeatures(features, frames);
    }

    /// <summary>Predicts row-major [frames, dim] features computed with the model's feature settings.</summary>
    public AttributeResult PredictFeatures(float[] features, int frames)
    {
        var embedding = AttributeScoring.Embedding(_model, features, frames, Config.Windows);
        var values = AttributeScoring.Predict(_model, _head.Name, [embedding])[0];
        var named = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int a = 0; a < values.Length; a++) named[_head.Classes[a]] = values[a];
        return new AttributeResult(named, _clusters?.Assign(embedding), WindowedScoring.Windows(Config.Encoder, Config.Windows, frames).Count);
    }

    /// <summary>Frees the network's tensors.</summary>
    public void Dispose() => _model.Dispose();
}
