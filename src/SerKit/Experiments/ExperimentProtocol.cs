using System.Text.Json;
using System.Text.Json.Serialization;
using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>
/// What an experiment ran, as written to <c>protocol.json</c> in its folder by the runner and read by the report:
/// corpus, label rule, classes, folds (speaker-independent or not), seeds, label fractions, conditions, the
/// pre-training data and the versions of SerKit and its libraries.
/// </summary>
public sealed record ExperimentProtocol
{
    /// <summary>File name in the experiment folder.</summary>
    public const string FileName = "protocol.json";

    /// <summary>The recipe's name.</summary>
    public required string Recipe { get; init; }

    /// <summary>Labelled corpus, e.g. <c>CREMA-D</c>, <c>demo</c> or the manifest file.</summary>
    public required string Corpus { get; init; }

    /// <summary>Label rule in words, e.g. <c>majority vote of the voice ratings (tabulatedVotes.csv)</c>.</summary>
    public required string LabelRule { get; init; }

    /// <summary>SER classes in output order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Labelled utterances and speakers used.</summary>
    public required int Utterances { get; init; }

    /// <summary>Speakers of the labelled corpus.</summary>
    public required int Speakers { get; init; }

    /// <summary>True when no speaker is in two of a fold's train, validation and test sets.</summary>
    public required bool SpeakerIndependent { get; init; }

    /// <summary>Number of folds and speakers per split.</summary>
    public required int Folds { get; init; }

    /// <summary>Training speakers per fold.</summary>
    public required int TrainSpeakers { get; init; }

    /// <summary>Validation speakers per fold.</summary>
    public required int ValidSpeakers { get; init; }

    /// <summary>Test speakers per fold.</summary>
    public required int TestSpeakers { get; init; }

    /// <summary>Seed of the folds and how they are built.</summary>
    public required long FoldSeed { get; init; }

    /// <summary>Fine-tuning seeds.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>Label fractions (label efficiency).</summary>
    public required IReadOnlyList<double> LabelFractions { get; init; }

    /// <summary>SER condition names in table order (the first is the baseline); empty for an attribute study alone.</summary>
    public required IReadOnlyList<string> Conditions { get; init; }

    /// <summary>Name of the baseline condition.</summary>
    public string Baseline { get; init; } = "baseline";

    /// <summary>Attribute columns of the attribute study, in table order (empty without one).</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];

    /// <summary>Attribute condition names in table order (the first is the reference, <c>regressor</c>); empty without an attribute study.</summary>
    public IReadOnlyList<string> AttributeConditions { get; init; } = [];

    /// <summary>Labelled utterances with every attribute (the attribute study's data).</summary>
    public int AttributeUtterances { get; init; }

    /// <summary>Pre-training corpora: name → utterances used.</summary>
    public IReadOnlyDictionary<string, int> PretrainingCorpora { get; init; } = new Dictionary<string, int>();

    /// <summary>Hours of unlabelled audio used for pre-training (when durations are known).</summary>
    public double? PretrainingHours { get; init; }

    /// <summary>True when each fold's encoders were pre-trained on that fold's training speakers' videos too.</summary>
    public bool PretrainingPerFold { get; init; }

    /// <summary>One line each: model, pre-training, fine-tuning settings, features.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Versions: serkit, torchsharp, libtorch, dotnet, os.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Writes the protocol atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a <c>protocol.json</c>; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static ExperimentProtocol Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no experiment protocol (is this an experiment folder?)", path);
        try { return JsonSerializer.Deserialize<ExperimentProtocol>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty protocol"); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: malformed protocol: {e.Message}", e); }
    }
}
