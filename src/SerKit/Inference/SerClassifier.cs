using SerKit.Audio;
using SerKit.Media;
using SerKit.Modeling;
using SerKit.Runtime;

namespace SerKit.Inference;

/// <summary>
/// Classifies speech with a trained model folder: decodes the file to mono 16 kHz (any format FFmpeg
/// reads), computes the model's features, scores it whole or, when longer than the model's window
/// (3 s by default), in windows with a hop of half a window whose posteriors are averaged
/// (<see cref="WindowedScoring"/>; a chunk-level model scores every utterance whole). The model runs in evaluation mode without gradients.
/// Thread-safe: several threads may call <see cref="Classify(string)"/> on one instance at once.
/// </summary>
public sealed class SerClassifier : IDisposable
{
    private readonly SerModel _model;
    private readonly IFeatureExtractor _extractor;

    private SerClassifier(SerModel model, ModelConfig config, string head)
    {
        _model = model;
        Config = config;
        HeadName = head;
        Classes = model.Head(head).Classes;
        _extractor = FeatureExtractors.Create(config.Features.ToOptions());
        if (_extractor.Dimension != config.Encoder.InputDim)
            throw new InvalidDataException($"model features give {_extractor.Dimension} values per frame, the encoder expects {config.Encoder.InputDim}");
    }

    /// <summary>
    /// Loads <paramref name="modelDir"/> and classifies with head <paramref name="head"/> (default: <c>ser</c> when
    /// the model has it, else its first head). <paramref name="threads"/> &gt; 0 sets libtorch's thread count.
    /// </summary>
    public static SerClassifier Load(string modelDir, string? head = null, int threads = 0)
    {
        TorchRuntime.Start(threads);
        var (model, config, _) = ModelDirectory.Load(modelDir);
        head ??= model.HasHead("ser") ? "ser" : config.Heads.Count > 0 ? config.Heads[0].Name : throw new InvalidDataException($"{modelDir}: the model has no head");
        if (model.HasHead(head) && model.Head(head).IsRegression)
        {
            model.Dispose();
            throw new InvalidDataException($"{modelDir}: head '{head}' predicts continuous values (emotional attributes), not classes; use SerKit.Attributes.AttributeRegressor or 'serkit evaluate'");
        }
        return new SerClassifier(model, config, head);
    }

    /// <summary>The model's config.</summary>
    public ModelConfig Config { get; }

    /// <summary>The head used.</summary>
    public string HeadName { get; }

    /// <summary>The classes, in score order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The network (evaluation mode).</summary>
    public SerModel Model => _model;

    /// <summary>Classifies a media file; throws <see cref="MediaException"/> naming it when it cannot be decoded or is too short.</summary>
    public ClassificationResult Classify(string path)
    {
        var samples = AudioDecoder.ReadAll(path, Config.Features.SampleRate);
        if (samples.Length < _extractor.Options.MinimumSamples)
            throw new MediaException(path, $"too short to classify ({samples.Length} samples, at least {_extractor.Options.MinimumSamples} needed)");
        return Classify(samples);
    }

    /// <summary>Classifies mono samples at the model's sample rate (16 kHz by default), values in [−1, 1].</summary>
    public ClassificationResult Classify(ReadOnlySpan<float> samples16k)
    {
        if (samples16k.Length < _extractor.Options.MinimumSamples)
            throw new ArgumentException($"{samples16k.Length} samples is too short to classify (at least {_extractor.Options.MinimumSamples} needed)");
        var features = _extractor.Compute(samples16k, out int frames);
        return ClassifyFeatures(features, frames);
    }

    /// <summary>Classifies row-major [frames, dim] features computed with the model's feature settings.</summary>
    public ClassificationResult ClassifyFeatures(float[] features, int frames)
    {
        var posteriors = WindowedScoring.Posteriors(_model, HeadName, features, frames, Config.Windows);
        int best = 0;
        for (int i = 1; i < posteriors.Length; i++) if (posteriors[i] > posteriors[best]) best = i;
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        for (int i = 0; i < Classes.Count; i++) scores[Classes[i]] = posteriors[i];
        return new ClassificationResult(Classes[best], scores) { Windows = WindowedScoring.Windows(Config.Encoder, Config.Windows, frames).Count };
    }

    /// <summary>Frees the network's tensors.</summary>
    public void Dispose() => _model.Dispose();
}
