using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Orofacial;

/// <summary>
/// <c>MODEL/config.json</c> of an orofacial model: network sizes, the target reference and statistics, the secondary tasks with
/// their classes (and the mouth-shape cluster centres when visemes are clusters), the mean face, the feature settings and a record
/// of how it was trained.
/// </summary>
public sealed record OrofacialConfig
{
    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "serkit-orofacial-model";

    /// <summary>File-format tag.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>File-format version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Values per feature frame (64 for the default log-mel).</summary>
    public int InputDim { get; init; } = 64;

    /// <summary>Kernel of the two stride-1 Conv1d layers of the front end (frames).</summary>
    public int ConvKernel { get; init; } = 5;

    /// <summary>Channels of the front end.</summary>
    public int ConvChannels { get; init; } = 128;

    /// <summary>Hidden units per direction of the bidirectional LSTM.</summary>
    public int LstmHidden { get; init; } = 128;

    /// <summary>Stacked BiLSTM layers.</summary>
    public int LstmLayers { get; init; } = 2;

    /// <summary>Dropout after the front end and after the LSTM (training only).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>How the targets were made from face tracks (reference, validity, interpolation); evaluation uses the same.</summary>
    public OrofacialDataOptions Data { get; init; } = new();

    /// <summary>Per-coordinate mean of the training targets (74 values); the landmark head predicts standardised values.</summary>
    public float[] TargetMean { get; init; } = new float[OrofacialPoints.Outputs];

    /// <summary>Scale of the standardised landmark outputs (74 values; training uses one common value, the root mean variance of the training targets).</summary>
    public float[] TargetStd { get; init; } = Enumerable.Repeat(1f, OrofacialPoints.Outputs).ToArray();

    /// <summary>Mean T2-normalised 68-point training shape (136 values: x_0 … x_67, y_0 … y_67): the face <c>serkit animate</c> moves.</summary>
    public float[] MeanShape { get; init; } = new float[2 * Face.FaceTrack.LandmarkCount];

    /// <summary>Emotion classes of the utterance-level emotion head (null: no emotion task).</summary>
    public IReadOnlyList<string>? EmotionClasses { get; init; }

    /// <summary>Where the viseme labels came from.</summary>
    public VisemeSource Visemes { get; init; } = VisemeSource.None;

    /// <summary>Viseme classes of the frame-level viseme head (null: no viseme task).</summary>
    public IReadOnlyList<string>? VisemeClasses { get; init; }

    /// <summary>Mouth-shape cluster centres when <see cref="Visemes"/> is clusters (40 values each, class order).</summary>
    public IReadOnlyList<float[]>? VisemeCentroids { get; init; }

    /// <summary>Input features.</summary>
    public ModelFeatures Features { get; init; } = new();

    /// <summary>The file (relative to the model folder) with the feature normalisation (also in the weights as <c>input_norm.*</c>).</summary>
    public string Normalization { get; init; } = "normalization.json";

    /// <summary>How the model was trained (data, task weights, options, epochs, libtorch version).</summary>
    public JsonObject? Training { get; init; }

    /// <summary>The variant's name: <c>single</c>, <c>emotion</c>, <c>viseme</c> or <c>emotion_viseme</c>.</summary>
    public string Variant => (EmotionClasses, VisemeClasses) switch
    {
        (null, null) => "single",
        (not null, null) => "emotion",
        (null, not null) => "viseme",
        _ => "emotion_viseme",
    };

    /// <summary>The mouth-shape clusters of a clusters model, else null.</summary>
    public MouthShapeClusters? Clusters() => Visemes == VisemeSource.Clusters && VisemeCentroids is { } c ? new MouthShapeClusters(c) : null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (InputDim < 1) throw new ArgumentException($"input_dim must be at least 1 (got {InputDim})");
        if (ConvKernel < 1 || ConvKernel % 2 == 0) throw new ArgumentException($"conv_kernel must be odd and positive (got {ConvKernel})");
        if (ConvChannels < 1 || LstmHidden < 1 || LstmLayers < 1) throw new ArgumentException("conv_channels, lstm_hidden and lstm_layers must be at least 1");
        Data.Validate();
        if (!(Dropout is >= 0 and < 1)) throw new ArgumentException($"dropout must lie in [0, 1) (got {Dropout})");
        if (TargetMean.Length != OrofacialPoints.Outputs || TargetStd.Length != OrofacialPoints.Outputs || TargetStd.Any(s => !(s > 0)))
            throw new ArgumentException($"target_mean and target_std must have {OrofacialPoints.Outputs} values (std positive)");
        if (MeanShape.Length != 2 * Face.FaceTrack.LandmarkCount) throw new ArgumentException($"mean_shape must have {2 * Face.FaceTrack.LandmarkCount} values");
        if (EmotionClasses is { } e) new HeadSpec("emotion", e).Validate();
        if ((Visemes == VisemeSource.None) != (VisemeClasses is null)) throw new ArgumentException("visemes and viseme_classes disagree");
        if (VisemeClasses is { } v) new HeadSpec("viseme", v).Validate();
        if (Visemes == VisemeSource.Clusters && (VisemeCentroids is null || VisemeCentroids.Count != VisemeClasses!.Count))
            throw new ArgumentException("a clusters model needs one viseme centroid per viseme class");
        _ = Clusters();
    }

    /// <summary>Writes the config atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, ModelJson.Options) + "\n");

    /// <summary>Reads and validates a config; throws <see cref="OrofacialFileException"/> naming the file and the problem.</summary>
    public static OrofacialConfig Read(string path)
    {
        OrofacialConfig? c;
        try { c = JsonSerializer.Deserialize<OrofacialConfig>(File.ReadAllText(path), ModelJson.Options); }
        catch (JsonException e) { throw new OrofacialFileException(path, null, $"not an orofacial model config ({e.Message})", e); }
        if (c is null || c.Format != FormatName) throw new OrofacialFileException(path, null, $"not an orofacial model config (format '{c?.Format}', expected '{FormatName}')");
        if (c.FormatVersion != 1) throw new OrofacialFileException(path, null, $"orofacial model format version {c.FormatVersion} is not supported (1 expected)");
        try { c.Validate(); }
        catch (ArgumentException e) { throw new OrofacialFileException(path, null, e.Message, e); }
        return c;
    }
}
