using SerKit.Corpus;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// A comparison of orofacial variants: every variant is trained on the same data, seed and options and scored on the same test set.
/// </summary>
public sealed record OrofacialExperimentRequest(OrofacialDataRequest Data, Manifest Test, string OutputDirectory)
{
    /// <summary>The variants to train, in report order (default: all four).</summary>
    public IReadOnlyList<OrofacialVariant> Variants { get; init; } =
        [OrofacialVariant.Single, OrofacialVariant.Emotion, OrofacialVariant.Viseme, OrofacialVariant.EmotionViseme];

    /// <summary>Face tracks of the test set (default: <see cref="OrofacialDataRequest.FacesDirectory"/>).</summary>
    public string? TestFacesDirectory { get; init; }

    /// <summary>Viseme labels of the viseme variants: clusters (default) or alignments.</summary>
    public VisemeSource Visemes { get; init; } = VisemeSource.Clusters;

    /// <summary>The alignment CSV (training and test utterances) when <see cref="Visemes"/> is alignments.</summary>
    public string? AlignmentsFile { get; init; }

    /// <summary>Mouth-shape clusters (k) when <see cref="Visemes"/> is clusters.</summary>
    public int VisemeClusters { get; init; } = 8;

    /// <summary>Loss weights of the secondary tasks.</summary>
    public OrofacialTaskWeights Weights { get; init; } = new();

    /// <summary>Network sizes.</summary>
    public OrofacialConfig Network { get; init; } = new();

    /// <summary>Optimisation options (shared by every variant).</summary>
    public TrainingOptions Options { get; init; } = new OrofacialTrainingRequest("").Options;

    /// <summary>The tasks of <paramref name="variant"/>.</summary>
    public OrofacialTasks TasksOf(OrofacialVariant variant) => new()
    {
        Emotion = variant is OrofacialVariant.Emotion or OrofacialVariant.EmotionViseme,
        Visemes = variant is OrofacialVariant.Viseme or OrofacialVariant.EmotionViseme ? Visemes : VisemeSource.None,
        AlignmentsFile = variant is OrofacialVariant.Viseme or OrofacialVariant.EmotionViseme && Visemes == VisemeSource.Alignments ? AlignmentsFile : null,
        VisemeClusters = VisemeClusters,
        Weights = Weights,
    };

    /// <summary>The folder name of <paramref name="variant"/> (<c>single</c>, <c>emotion</c>, <c>viseme</c>, <c>emotion_viseme</c>).</summary>
    public static string NameOf(OrofacialVariant variant) => variant switch
    {
        OrofacialVariant.Single => "single",
        OrofacialVariant.Emotion => "emotion",
        OrofacialVariant.Viseme => "viseme",
        _ => "emotion_viseme",
    };
}
