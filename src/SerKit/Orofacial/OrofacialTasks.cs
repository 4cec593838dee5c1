namespace SerKit.Orofacial;

/// <summary>
/// The secondary tasks of an orofacial model (none = the single-task model): utterance-level emotion recognition from the manifest
/// labels, and frame-level viseme recognition from phoneme alignments or mouth-shape clusters; with their loss weights.
/// </summary>
public sealed record OrofacialTasks
{
    /// <summary>Add the emotion head (labels from the manifest's <c>label</c> column; unlabelled utterances are masked).</summary>
    public bool Emotion { get; init; }

    /// <summary>Emotion classes in output order (default: the labels of the training utterances that have face tracks, sorted).</summary>
    public IReadOnlyList<string>? EmotionClasses { get; init; }

    /// <summary>Where viseme labels come from (<see cref="VisemeSource.None"/>: no viseme head).</summary>
    public VisemeSource Visemes { get; init; } = VisemeSource.None;

    /// <summary>The alignment CSV when <see cref="Visemes"/> is <see cref="VisemeSource.Alignments"/> (<see cref="PhonemeAlignments"/>).</summary>
    public string? AlignmentsFile { get; init; }

    /// <summary>Number of mouth-shape clusters (k) when <see cref="Visemes"/> is <see cref="VisemeSource.Clusters"/>.</summary>
    public int VisemeClusters { get; init; } = 8;

    /// <summary>Loss weights of the secondary tasks.</summary>
    public OrofacialTaskWeights Weights { get; init; } = new();

    /// <summary>The single-task model.</summary>
    public static OrofacialTasks Single => new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Weights.Validate();
        if (Visemes == VisemeSource.Alignments && string.IsNullOrWhiteSpace(AlignmentsFile)) throw new ArgumentException("viseme alignments need an alignment file");
        if (Visemes != VisemeSource.Alignments && AlignmentsFile is not null) throw new ArgumentException("an alignment file is only used with visemes from alignments");
        if (Visemes == VisemeSource.Clusters && VisemeClusters < 2) throw new ArgumentException($"the number of mouth-shape clusters must be at least 2 (got {VisemeClusters})");
    }
}
