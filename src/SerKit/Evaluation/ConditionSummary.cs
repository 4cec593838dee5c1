namespace SerKit.Evaluation;

/// <summary>
/// The runs (folds × seeds) of one condition, e.g. <c>baseline</c> or <c>T1+T2+T3</c>, and the
/// mean ± sample std of each metric over them (<see cref="RunAggregation.AllRuns"/>) or over the
/// per-fold means of the seeds (<see cref="RunAggregation.FoldMeans"/>).
/// </summary>
public sealed class ConditionSummary
{
    /// <summary>Metric names understood by <see cref="Values"/>, as in <c>results.json</c>.</summary>
    public static readonly IReadOnlyList<string> MetricNames = new[]
    {
        "macro_precision", "macro_recall", "macro_f1", "wa", "ua", "micro_f1", "micro_precision", "micro_recall",
    };

    /// <summary>Summarises <paramref name="runs"/> under the name <paramref name="condition"/>, mean ± std over all runs.</summary>
    /// <exception cref="ArgumentException">No runs, or two runs with the same fold and seed.</exception>
    public ConditionSummary(string condition, IEnumerable<EvaluationResult> runs)
        : this(condition, runs, RunAggregation.AllRuns)
    {
    }

    /// <summary>Summarises <paramref name="runs"/> under the name <paramref name="condition"/> with <paramref name="aggregation"/>.</summary>
    /// <exception cref="ArgumentException">No runs, or two runs with the same fold and seed.</exception>
    public ConditionSummary(string condition, IEnumerable<EvaluationResult> runs, RunAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.OrderBy(r => r.Info.Fold ?? int.MinValue).ThenBy(r => r.Info.Seed ?? long.MinValue).ToArray();
        if (list.Length == 0) throw new ArgumentException($"condition '{condition}' has no runs", nameof(runs));
        var duplicate = list.GroupBy(RunKey).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new ArgumentException($"condition '{condition}' has {duplicate.Count()} runs for {Describe(duplicate.Key)}" +
                $" ({string.Join(", ", duplicate.Select(r => r.SourcePath ?? "?"))})", nameof(runs));
        Condition = condition;
        Aggregation = aggregation;
        Runs = list;
        Folds = list.Select(r => r.Info.Fold).Distinct().ToArray();
        SpeakerIndependent = list.All(r => r.Info.SpeakerIndependent);
        Protocols = list.Select(r => r.Info.Protocol).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The condition's name.</summary>
    public string Condition { get; }

    /// <summary>How <see cref="Summary"/> aggregates the runs.</summary>
    public RunAggregation Aggregation { get; }

    /// <summary>The distinct folds of the runs, in order (null for runs without a fold).</summary>
    public IReadOnlyList<int?> Folds { get; }

    /// <summary>The runs, ordered by fold then seed.</summary>
    public IReadOnlyList<EvaluationResult> Runs { get; }

    /// <summary>Whether every run used a speaker-independent protocol.</summary>
    public bool SpeakerIndependent { get; }

    /// <summary>The distinct protocols of the runs.</summary>
    public IReadOnlyList<string> Protocols { get; }

    /// <summary>Macro precision over the runs.</summary>
    public MeanStd MacroPrecision => Summary("macro_precision");

    /// <summary>Macro recall over the runs.</summary>
    public MeanStd MacroRecall => Summary("macro_recall");

    /// <summary>Macro F1 over the runs.</summary>
    public MeanStd MacroF1 => Summary("macro_f1");

    /// <summary>WA over the runs.</summary>
    public MeanStd WA => Summary("wa");

    /// <summary>UA over the runs.</summary>
    public MeanStd UA => Summary("ua");

    /// <summary>Micro F1 over the runs.</summary>
    public MeanStd MicroF1 => Summary("micro_f1");

    /// <summary>
    /// Mean ± sample std of metric <paramref name="metric"/> (a name of <see cref="MetricNames"/>): over the runs,
    /// or over <see cref="FoldMeans"/> when <see cref="Aggregation"/> is <see cref="RunAggregation.FoldMeans"/>.
    /// </summary>
    public MeanStd Summary(string metric) =>
        MeanStd.Of(Aggregation == RunAggregation.FoldMeans ? FoldMeans(metric) : Values(metric));

    /// <summary>The mean of <paramref name="metric"/> over the seeds of each fold, in the order of <see cref="Folds"/>.</summary>
    public IReadOnlyList<double> FoldMeans(string metric) =>
        Folds.Select(f => Runs.Where(r => r.Info.Fold == f).Average(r => Metric(r.Metrics, metric))).ToArray();

    /// <summary>The value of <paramref name="metric"/> in each run, in the order of <see cref="Runs"/>.</summary>
    public IReadOnlyList<double> Values(string metric) => Runs.Select(r => Metric(r.Metrics, metric)).ToArray();

    /// <summary>The (fold, seed) pairing key of a run.</summary>
    public static (int? Fold, long? Seed) RunKey(EvaluationResult r) => (r.Info.Fold, r.Info.Seed);

    internal static string Describe((int? Fold, long? Seed) key) =>
        $"fold {key.Fold?.ToString() ?? "none"}, seed {key.Seed?.ToString() ?? "none"}";

    /// <summary>Reads metric <paramref name="name"/> (a <c>results.json</c> key) from <paramref name="m"/>.</summary>
    /// <exception cref="ArgumentException">Unknown metric name.</exception>
    public static double Metric(ClassificationMetrics m, string name) => name switch
    {
        "macro_precision" => m.MacroPrecision,
        "macro_recall" => m.MacroRecall,
        "macro_f1" => m.MacroF1,
        "wa" => m.WA,
        "ua" => m.UA,
        "micro_f1" => m.MicroF1,
        "micro_precision" => m.MicroPrecision,
        "micro_recall" => m.MicroRecall,
        _ => throw new ArgumentException($"unknown metric '{name}' (known: {string.Join(", ", MetricNames)})", nameof(name)),
    };
}
