using SerKit.Corpus;
using SerKit.Synthetic;

namespace SerKit.Experiments;

/// <summary>The labelled corpus of a <see cref="Recipe"/>.</summary>
public sealed record LabelledCorpusRecipe
{
    /// <summary>Layout of the corpus.</summary>
    public LabelledCorpusFormat Format { get; init; } = LabelledCorpusFormat.CremaD;

    /// <summary>Corpus root (CREMA-D folder; for a manifest, the folder its paths are relative to, default the manifest's folder). Relative paths are relative to the recipe file.</summary>
    public string? Root { get; init; }

    /// <summary>The manifest file (format <c>manifest</c>).</summary>
    public string? Manifest { get; init; }

    /// <summary>Manifest format; null = detected from the file.</summary>
    public ManifestFormat? ManifestFormat { get; init; }

    /// <summary>CREMA-D label rule (majority vote by default).</summary>
    public CremaDLabelRule LabelRule { get; init; } = CremaDLabelRule.Majority;

    /// <summary>CREMA-D rating session the votes come from.</summary>
    public CremaDRatings Ratings { get; init; } = CremaDRatings.Voice;

    /// <summary>The SER classes in output order; utterances with other labels are left out.</summary>
    public IReadOnlyList<string> Classes { get; init; } = ["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"];

    /// <summary>The generated corpus (format <c>demo</c>; it is written under the experiment folder).</summary>
    public DemoCorpusOptions Demo { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        switch (Format)
        {
            case LabelledCorpusFormat.CremaD when string.IsNullOrWhiteSpace(Root):
                throw new ArgumentException("labelled.root: give the CREMA-D folder (the one holding AudioWAV/)");
            case LabelledCorpusFormat.Manifest when string.IsNullOrWhiteSpace(Manifest):
                throw new ArgumentException("labelled.manifest: give the manifest file");
            case LabelledCorpusFormat.Demo:
                try { Demo.Validate(); }
                catch (ArgumentException e) { throw new ArgumentException($"labelled.demo: {e.Message}", e); }
                break;
        }
        if (Classes.Count < 2) throw new ArgumentException("labelled.classes: give at least two classes");
        if (Classes.Distinct(StringComparer.Ordinal).Count() != Classes.Count) throw new ArgumentException("labelled.classes: a class is listed twice");
    }
}
