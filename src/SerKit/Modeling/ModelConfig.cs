using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.IO;

namespace SerKit.Modeling;

/// <summary>
/// <c>MODEL/config.json</c>: everything needed to rebuild the network and feed it — encoder sizes,
/// heads with their class names, feature settings, the scoring windows, the normalisation file —
/// and a free-form record of how it was trained.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The value of <see cref="Format"/> in every SerKit model.</summary>
    public const string FormatName = "serkit-ser-model";

    /// <summary>File-format tag.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>File-format version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Encoder sizes.</summary>
    public EncoderConfig Encoder { get; init; } = new();

    /// <summary>Heads and their classes, in output order.</summary>
    public IReadOnlyList<HeadSpec> Heads { get; init; } = [];

    /// <summary>Input features.</summary>
    public ModelFeatures Features { get; init; } = new();

    /// <summary>Training crop and scoring windows.</summary>
    public ScoringWindows Windows { get; init; } = new();

    /// <summary>The file (relative to the model folder) holding the normalisation statistics (also in the weights as <c>input_norm.*</c>).</summary>
    public string Normalization { get; init; } = "normalization.json";

    /// <summary>How the model was trained: stage, tasks, options, seed, threads, libtorch version.</summary>
    public JsonObject? Training { get; init; }

    /// <summary>Writes the config atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, ModelJson.Options) + "\n");

    /// <summary>Reads and validates a config; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static ModelConfig Read(string path)
    {
        ModelConfig? c;
        try { c = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(path), ModelJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a SerKit model config ({e.Message})"); }
        if (c is null || c.Format != FormatName) throw new InvalidDataException($"{path}: not a SerKit model config (format '{c?.Format}', expected '{FormatName}')");
        if (c.FormatVersion != 1) throw new InvalidDataException($"{path}: model format version {c.FormatVersion} is not supported (1 expected)");
        try
        {
            c.Encoder.Validate();
            c.Windows.Validate();
            foreach (var h in c.Heads) h.Validate();
        }
        catch (ArgumentException e) { throw new InvalidDataException($"{path}: {e.Message}"); }
        return c;
    }
}
