using SerKit.IO;

namespace SerKit.Modeling;

/// <summary>
/// A trained model folder: <c>config.json</c>, <c>model.safetensors</c> (every weight under its PyTorch
/// state-dict name), <c>normalization.json</c>; training adds <c>train_log.csv</c> and <c>checkpoint/</c>.
/// Every file is written atomically.
/// </summary>
public static class ModelDirectory
{
    /// <summary>File names inside a model folder.</summary>
    public const string ConfigFile = "config.json", WeightsFile = "model.safetensors", NormalizationFile = "normalization.json",
        TrainLogFile = "train_log.csv", CheckpointFolder = "checkpoint";

    /// <summary>Writes weights, config and normalisation of <paramref name="model"/> into <paramref name="dir"/>.</summary>
    public static void Save(string dir, SerModel model, ModelConfig config, FeatureNormalization normalization)
    {
        Directory.CreateDirectory(dir);
        SafeTensorsBundle.Write(Path.Combine(dir, WeightsFile), ModelWeights.Export(model),
            new Dictionary<string, string> { ["format"] = "pt", ["serkit_format"] = ModelConfig.FormatName });
        normalization.Write(Path.Combine(dir, config.Normalization));
        config.Write(Path.Combine(dir, ConfigFile));
    }

    /// <summary>Reads a model folder into a new network in evaluation mode; throws naming the folder and the missing or bad file.</summary>
    public static (SerModel Model, ModelConfig Config, FeatureNormalization Normalization) Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such model folder");
        string Need(string name)
        {
            var p = Path.Combine(dir, name);
            return File.Exists(p) ? p : throw new FileNotFoundException($"{dir}: not a SerKit model folder ({name} is missing)", p);
        }
        var config = ModelConfig.Read(Need(ConfigFile));
        var normalization = FeatureNormalization.Read(Need(config.Normalization));
        var (weights, _) = SafeTensorsBundle.Read(Need(WeightsFile));
        Runtime.TorchRuntime.Start();
        var model = new SerModel(config.Encoder, config.Heads);
        ModelWeights.Import(model, weights, strict: true, Path.Combine(dir, WeightsFile));
        model.eval();
        return (model, config, normalization);
    }
}
