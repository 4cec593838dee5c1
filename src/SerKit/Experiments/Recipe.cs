using SerKit.Modeling;
using SerKit.Training;

namespace SerKit.Experiments;

/// <summary>
/// One whole study in one file (<c>serkit experiment RECIPE</c>): the labelled corpus and its folds, the
/// unlabelled audiovisual data for pre-training, features, face tracks, pretext tasks, model, pre-training
/// and fine-tuning settings, the conditions (baseline, each task, each combination), seeds and label
/// fractions. Read with <see cref="RecipeFile"/> (YAML or JSON, snake_case keys, unknown keys refused).
/// </summary>
public sealed record Recipe
{
    /// <summary>Name of the study (titles, protocol name).</summary>
    public string Name { get; init; } = "experiment";

    /// <summary>The labelled corpus fine-tuning and evaluation use.</summary>
    public LabelledCorpusRecipe Labelled { get; init; } = new();

    /// <summary>Unlabelled audiovisual data for pre-training.</summary>
    public PretrainingDataRecipe PretrainingData { get; init; } = new();

    /// <summary>Speech features (the model input).</summary>
    public ModelFeatures Features { get; init; } = new();

    /// <summary>How face tracks are made from videos.</summary>
    public FacesRecipe Faces { get; init; } = new();

    /// <summary>Pretext-label settings (T1, T2, T3).</summary>
    public PretextRecipe Pretext { get; init; } = new();

    /// <summary>Encoder sizes, the same for every condition (<c>input_dim</c> is set from the features).</summary>
    public EncoderConfig Model { get; init; } = new();

    /// <summary>Pre-training optimisation (its seed is the pre-training seed; the encoder is shared by all fine-tuning seeds).</summary>
    public TrainingOptions Pretraining { get; init; } = new() { Epochs = 20, Patience = 0 };

    /// <summary>Fine-tuning optimisation (its seed is replaced by each of <see cref="Seeds"/>).</summary>
    public TrainingOptions FineTuning { get; init; } = new() { Epochs = 30, Patience = 6 };

    /// <summary>Votes, penalty and α for conditions with other label types or the co-occurrence penalty.</summary>
    public LabelsRecipe Labels { get; init; } = new();

    /// <summary>Speaker-independent folds over the labelled corpus.</summary>
    public FoldsRecipe Folds { get; init; } = new();

    /// <summary>The emotional-attribute study (regressor against DeepEmoCluster); none unless <c>attributes.conditions</c> is given.</summary>
    public AttributesRecipe Attributes { get; init; } = new();

    /// <summary>
    /// The rows of the table: <c>baseline</c> (no pre-training) and pretext-task combinations written as
    /// <c>t1</c>, <c>t2+t3</c>, …; the single entry <c>all</c> means the baseline, each task and every
    /// combination (8 rows). Parsed by <see cref="ExperimentCondition.Parse"/>. An empty list runs no SER study (only
    /// the attribute study of <see cref="Attributes"/>).
    /// </summary>
    public IReadOnlyList<string> Conditions { get; init; } = ["all"];

    /// <summary>Fine-tuning seeds; every condition runs with every seed on every fold (paired runs).</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [0, 1, 2];

    /// <summary>Shares of the training speakers' labelled utterances used for fine-tuning (label efficiency); the main table uses the largest.</summary>
    public IReadOnlyList<double> LabelFractions { get; init; } = [1.0];

    /// <summary>Jobs at once (extraction, faces, training runs with one libtorch thread each); 0 = one per core.</summary>
    public int Workers { get; init; }

    /// <summary>The conditions in table order, the baseline first.</summary>
    public IReadOnlyList<ExperimentCondition> ResolveConditions() => Conditions.Count == 0 ? [] : ExperimentCondition.ParseList(Conditions);

    /// <summary>
    /// The encoders to pre-train, one per set of pretext tasks, for the SER conditions and the attribute conditions that start from a
    /// pre-trained encoder (conditions that differ only in their labels share one).
    /// </summary>
    public IReadOnlyList<ExperimentCondition> ResolvePretrainings() =>
        ResolveConditions().Concat(Attributes.ResolveConditions().Select(c => c.Pretraining))
            .Where(c => !c.IsBaseline).DistinctBy(c => c.PretrainingSlug).OrderBy(c => c.Tasks.Count).ThenBy(c => c.PretrainingSlug, StringComparer.Ordinal).ToArray();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (as a recipe key path).</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(!string.IsNullOrWhiteSpace(Name), "name: must not be empty");
        Labelled.Validate();
        PretrainingData.Validate();
        Faces.Validate();
        Pretext.Validate();
        Folds.Validate();
        Labels.Validate();
        Wrap("model", Model.Validate);
        Wrap("pretraining", Pretraining.Validate);
        Wrap("fine_tuning", FineTuning.Validate);
        Wrap("conditions", () => ResolveConditions());
        Attributes.Validate();
        Require(Conditions.Count > 0 || Attributes.Conditions.Count > 0, "conditions: give at least one condition (or attributes.conditions for an attribute study alone)");
        Require(Seeds.Count >= 1, "seeds: give at least one seed");
        Require(Seeds.Distinct().Count() == Seeds.Count, "seeds: a seed is listed twice");
        Require(LabelFractions.Count >= 1, "label_fractions: give at least one fraction");
        Require(LabelFractions.All(f => f is > 0 and <= 1), "label_fractions: every fraction must be in (0, 1]");
        Require(LabelFractions.Distinct().Count() == LabelFractions.Count, "label_fractions: a fraction is listed twice");
        Require(Workers >= 0, $"workers: must be 0 (one per core) or more (got {Workers})");
        bool pretrains = ResolvePretrainings().Count > 0;
        Require(!pretrains || PretrainingData.Corpora.Count > 0 || PretrainingData.LabelledTrainVideos,
            "pretraining_data: the conditions pre-train but no unlabelled corpus is given (add pretraining_data.corpora or set pretraining_data.labelled_train_videos)");
        Require(!Attributes.ResolveConditions().Any(c => c.Unlabelled) || PretrainingData.Corpora.Count > 0,
            "attributes.conditions: 'deepemocluster+unlabelled' clusters the pre-training corpora's utterances, but pretraining_data.corpora is empty");
    }

    private static void Wrap(string key, Action validate)
    {
        try { validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"{key}: {e.Message}", e); }
    }
}
