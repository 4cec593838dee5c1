using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Orofacial;

/// <summary>
/// An orofacial model folder: <c>config.json</c> (<see cref="OrofacialConfig"/>), <c>model.safetensors</c> (every weight and buffer
/// under its PyTorch state-dict name), <c>normalization.json</c>; training adds <c>train_log.csv</c> and <c>checkpoint/</c>. Files are
/// written atomically.
/// </summary>
public static class OrofacialModelDirectory
{
    /// <summary>Writes weights, config and feature normalisation of <paramref name="model"/> into <paramref name="dir"/>.</summary>
    public static void Save(string dir, OrofacialModel model, OrofacialConfig config, FeatureNormalization normalization)
    {
        Directory.CreateDirectory(dir);
        SafeTensorsBundle.Write(Path.Combine(dir, ModelDirectory.WeightsFile), ModelWeights.Export(model),
            new Dictionary<string, string> { ["format"] = "pt", ["serkit_format"] = OrofacialConfig.FormatName });
        normalization.Write(Path.Combine(dir, config.Normalization));
        config.Write(Path.Combine(dir, ModelDirectory.ConfigFile));
    }

    /// <summary>True when <paramref name="dir"/> holds a finished orofacial model (config and weights).</summary>
    public static bool IsModel(string dir) =>
        File.Exists(Path.Combine(dir, ModelDirectory.ConfigFile)) && File.Exists(Path.Combine(dir, ModelDirectory.WeightsFile));

    /// <summary>Reads a model folder into a network in evaluation mode; throws naming the folder and the missing or bad file.</summary>
    public static (OrofacialModel Model, OrofacialConfig Config, FeatureNormalization Normalization) Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such model folder");
        string Need(string name)
        {
            var p = Path.Combine(dir, name);
            return File.Exists(p) ? p : throw new FileNotFoundException($"{dir}: not a SerKit orofacial model folder ({name} is missing)", p);
        }
        var config = OrofacialConfig.Read(Need(ModelDirectory.ConfigFile));
        var normalization = FeatureNormalization.Read(Need(config.Normalization));
        var (weights, _) = SafeTensorsBundle.Read(Need(ModelDirectory.WeightsFile));
        Runtime.TorchRuntime.Start();
        var model = new OrofacialModel(config);
        ModelWeights.Import(model, weights, strict: true, Path.Combine(dir, ModelDirectory.WeightsFile));
        model.eval();
        return (model, config, normalization);
    }
}
