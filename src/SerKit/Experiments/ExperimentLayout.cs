using System.Globalization;
using SerKit.Corpus;

namespace SerKit.Experiments;

/// <summary>
/// The files of an experiment folder (docs/experiments.md): what <see cref="ExperimentRunner"/> writes and the report reads.
/// <code>
/// recipe.yaml  protocol.json  results.md  results.json  plots/
/// labelled/manifest.csv               folds/folds.json (+ fold&lt;k&gt;/train|valid|test.csv)
/// unlabelled/&lt;corpus&gt;/manifest.csv    features/&lt;corpus&gt;/index.csv   faces/&lt;corpus&gt;/&lt;id&gt;.csv
/// pretext/&lt;set&gt;/pretext.csv|json      pretrain/&lt;slug&gt;[/fold&lt;k&gt;]/
/// runs/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;/results.json
/// attributes/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;/results.json (+ model/)
/// </code>
/// </summary>
public sealed class ExperimentLayout
{
    /// <summary>The corpus name of the labelled corpus under <c>features/</c>, <c>faces/</c> and in combined pre-training ids.</summary>
    public const string Labelled = PretrainingDataRecipe.LabelledCorpusName;

    /// <summary>The pretext set shared by every fold (pre-training corpora only).</summary>
    public const string SharedSet = "shared";

    /// <summary>Marker written into a stage's folder when the stage is complete.</summary>
    public const string DoneFile = "done.json";

    /// <summary>The layout of <paramref name="directory"/>.</summary>
    public ExperimentLayout(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The experiment folder.</summary>
    public string Directory { get; }

    /// <summary>The resolved recipe (<c>recipe.yaml</c>).</summary>
    public string Recipe => Path.Combine(Directory, RecipeFile.ResolvedFileName);

    /// <summary><c>protocol.json</c>.</summary>
    public string Protocol => Path.Combine(Directory, ExperimentProtocol.FileName);

    /// <summary>The generated demo corpus (labelled format <c>demo</c>).</summary>
    public string DemoCorpus => Path.Combine(Directory, "corpus");

    /// <summary>The labelled manifest as used (classes of the recipe only).</summary>
    public string LabelledManifest => Path.Combine(Directory, "labelled", "manifest.csv");

    /// <summary>The folds folder (<c>folds.json</c> and per-fold manifests).</summary>
    public string Folds => Path.Combine(Directory, "folds");

    /// <summary>A pre-training corpus's manifest as used (its own ids).</summary>
    public string UnlabelledManifest(string corpus) => Path.Combine(Directory, "unlabelled", corpus, "manifest.csv");

    /// <summary>The extraction folder of a corpus (<see cref="Labelled"/> or a pre-training corpus name).</summary>
    public string Features(string corpus) => Path.Combine(Directory, "features", corpus);

    /// <summary>The extraction index of a corpus.</summary>
    public string FeatureIndex(string corpus) => Path.Combine(Features(corpus), "index.csv");

    /// <summary>The face tracks SerKit made for a corpus.</summary>
    public string Faces(string corpus) => Path.Combine(Directory, "faces", corpus);

    /// <summary>A pretext set: <see cref="SharedSet"/> or <see cref="FoldSet"/>.</summary>
    public string PretextSet(string set) => Path.Combine(Directory, "pretext", set);

    /// <summary>The labels of one corpus inside a pretext set (median splits within that corpus).</summary>
    public string PretextPart(string set, string corpus) => Path.Combine(PretextSet(set), "corpora", corpus);

    /// <summary>The name of fold <paramref name="fold"/>'s pretext set: <c>fold&lt;k&gt;</c>.</summary>
    public static string FoldSet(int fold) => "fold" + fold.ToString(CultureInfo.InvariantCulture);

    /// <summary>The pre-trained model of a condition (<paramref name="fold"/> when pre-training is per fold).</summary>
    public string Pretrain(ExperimentCondition condition, int? fold)
    {
        var dir = Path.Combine(Directory, "pretrain", condition.PretrainingSlug);
        return fold is { } k ? Path.Combine(dir, FoldSet(k)) : dir;
    }

    /// <summary>The co-occurrence penalty of fold <paramref name="fold"/> (from its training speakers' votes).</summary>
    public string Penalty(int fold) => Path.Combine(Directory, "penalty", FoldSet(fold), "cooccurrence.json");

    /// <summary>One fine-tuning run: <c>runs/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;</c>.</summary>
    public string Run(ExperimentCondition condition, double labelFraction, int fold, long seed) =>
        Path.Combine(Directory, "runs", condition.Slug, LabelsFolder(labelFraction), FoldSet(fold), "seed" + seed.ToString(CultureInfo.InvariantCulture));

    /// <summary>One attribute run: <c>attributes/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;</c> (its model in <c>model/</c>).</summary>
    public string AttributeRun(AttributeCondition condition, double labelFraction, int fold, long seed) =>
        Path.Combine(Directory, AttributeRunKey.Folder, condition.Slug, LabelsFolder(labelFraction), FoldSet(fold), "seed" + seed.ToString(CultureInfo.InvariantCulture));

    /// <summary>The combined manifest of the pre-training corpora's utterances that <c>+unlabelled</c> attribute conditions cluster (ids <c>corpus/id</c>).</summary>
    public string AttributeUnlabelledManifest => Path.Combine(Directory, AttributeRunKey.Folder, "unlabelled.csv");

    /// <summary>The folder name of a label fraction: <c>labels&lt;P&gt;</c>, P the percentage rounded to an integer (0.25 → <c>labels25</c>).</summary>
    public static string LabelsFolder(double labelFraction) =>
        "labels" + ((int)Math.Round(labelFraction * 100, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The results markdown.</summary>
    public string ResultsMarkdown => Path.Combine(Directory, "results.md");

    /// <summary>The results JSON.</summary>
    public string ResultsJson => Path.Combine(Directory, "results.json");

    /// <summary>
    /// Everything the runner may write at the top of the folder; <c>--restart</c> removes these and nothing else.
    /// </summary>
    public static IReadOnlyList<string> Entries { get; } =
    [
        RecipeFile.ResolvedFileName, ExperimentProtocol.FileName, "corpus", "labelled", "folds", "unlabelled", "features", "faces",
        "pretext", "pretrain", "penalty", "runs", AttributeRunKey.Folder, "results.md", "results.json", "plots", "failures.csv",
    ];

    /// <summary>Reads the speaker folds written under <see cref="Folds"/>.</summary>
    public SpeakerFolds ReadFolds() => SpeakerFolds.Read(Path.Combine(Folds, SpeakerFolds.FileName));
}
