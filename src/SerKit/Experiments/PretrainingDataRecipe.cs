namespace SerKit.Experiments;

/// <summary>The unlabelled audiovisual data a <see cref="Recipe"/> pre-trains on.</summary>
public sealed record PretrainingDataRecipe
{
    /// <summary>Unlabelled corpora (a folder of videos such as VoxCeleb2 or MSP-Face, a manifest, or the demo corpus's unlabelled part).</summary>
    public IReadOnlyList<PretrainingCorpusRecipe> Corpora { get; init; } = [];

    /// <summary>
    /// Also pre-train on the labelled corpus's videos of each fold's training speakers (never its validation or
    /// test speakers), without their labels. The encoders are then pre-trained once per fold.
    /// </summary>
    public bool LabelledTrainVideos { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        for (int i = 0; i < Corpora.Count; i++) Corpora[i].Validate($"pretraining_data.corpora[{i}]");
        var names = Corpora.Select(c => c.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new ArgumentException("pretraining_data.corpora: two corpora have the same name");
        if (LabelledTrainVideos && names.Contains(LabelledCorpusName, StringComparer.Ordinal))
            throw new ArgumentException($"pretraining_data.corpora: the name '{LabelledCorpusName}' is kept for the labelled corpus's videos");
    }

    /// <summary>The corpus name under which the labelled corpus's training videos enter pre-training.</summary>
    public const string LabelledCorpusName = "labelled";
}
