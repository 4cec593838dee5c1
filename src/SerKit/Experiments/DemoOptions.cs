using SerKit.Modeling;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Experiments;

/// <summary>
/// Settings of <see cref="DemoExperiment"/>: the generated corpus, the conditions, folds and
/// seeds, and the training settings. The defaults finish in minutes on two cores.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>The generated audiovisual corpus.</summary>
    public DemoCorpusOptions Corpus { get; init; } = new();

    /// <summary>The rows of the table; must include the baseline.</summary>
    public IReadOnlyList<DemoCondition> Conditions { get; init; } = DemoCondition.Default;

    /// <summary>Speaker-independent folds over the labelled speakers.</summary>
    public int Folds { get; init; } = 4;

    /// <summary>Validation speakers per fold (early stopping).</summary>
    public int ValidSpeakers { get; init; } = 1;

    /// <summary>Test speakers per fold.</summary>
    public int TestSpeakers { get; init; } = 2;

    /// <summary>Seed of the folds.</summary>
    public long FoldSeed { get; init; }

    /// <summary>Fine-tuning seeds; every condition runs with every seed on every fold (paired runs).</summary>
    public IReadOnlyList<long> Seeds { get; init; } = new long[] { 0, 1 };

    /// <summary>Share of the training speakers' labelled utterances used for fine-tuning ("few labels").</summary>
    public double LabelFraction { get; init; } = 0.5;

    /// <summary>Encoder sizes (same for every condition).</summary>
    public EncoderConfig Encoder { get; init; } = new();

    /// <summary>Pre-training settings (seed, epochs, batch, learning rate).</summary>
    public TrainingOptions Pretraining { get; init; } = new() { Epochs = 8, Patience = 0 };

    /// <summary>Fine-tuning settings.</summary>
    public TrainingOptions FineTuning { get; init; } = new() { Epochs = 20, Patience = 6 };

    /// <summary>Training runs at once (each with one libtorch thread); 0 = one per core.</summary>
    public int Workers { get; init; }

    public void Validate()
    {
        Corpus.Validate();
        if (!Conditions.Any(c => c.IsBaseline)) throw new ArgumentException("the conditions need a baseline (no pretext task)");
        if (Conditions.Select(c => c.Slug).Distinct().Count() != Conditions.Count) throw new ArgumentException("a condition is listed twice");
        if (Folds < 1) throw new ArgumentException($"folds must be at least 1 (got {Folds})");
        if (Seeds.Count < 1) throw new ArgumentException("at least one seed");
        if (LabelFraction is <= 0 or > 1) throw new ArgumentException($"label fraction must be in (0, 1] (got {LabelFraction})");
        Encoder.Validate();
        Pretraining.Validate();
        FineTuning.Validate();
    }
}
