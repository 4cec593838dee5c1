using System.Globalization;

namespace SerKit.Experiments;

/// <summary>One fine-tuning run of an experiment: condition (table name, e.g. <c>T1+T3</c>), share of the training labels, fold (from 1) and seed.</summary>
public sealed record ExperimentRunKey(string Condition, double LabelFraction, int Fold, long Seed)
{
    /// <summary>The run's folder relative to the experiment folder: <c>runs/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;</c> ('/' separators).</summary>
    public string RelativeFolder =>
        string.Create(CultureInfo.InvariantCulture, $"runs/{ExperimentRuns.Slug(Condition)}/{ExperimentRuns.LabelFolder(LabelFraction)}/fold{Fold}/seed{Seed}");

    /// <summary>E.g. <c>T1+T3, 25 % labels, fold 2, seed 0</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Condition}, {ExperimentRuns.Percent(LabelFraction)} labels, fold {Fold}, seed {Seed}");
}
