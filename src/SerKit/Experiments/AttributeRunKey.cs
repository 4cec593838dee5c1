using System.Globalization;

namespace SerKit.Experiments;

/// <summary>One attribute run of an experiment: condition (table name, e.g. <c>DeepEmoCluster+unlabelled</c>), share of the training labels, fold (from 1) and seed.</summary>
public sealed record AttributeRunKey(string Condition, double LabelFraction, int Fold, long Seed)
{
    /// <summary>The folder of the attribute runs inside an experiment folder.</summary>
    public const string Folder = "attributes";

    /// <summary>The run's folder relative to the experiment folder: <c>attributes/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;</c> ('/' separators).</summary>
    public string RelativeFolder =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder}/{Slug(Condition)}/{ExperimentRuns.LabelFolder(LabelFraction)}/fold{Fold}/seed{Seed}");

    /// <summary>The folder-safe slug of an attribute condition name (<see cref="AttributeCondition.Slug"/>).</summary>
    public static string Slug(string condition)
    {
        try { return AttributeCondition.Parse(condition).Slug; }
        catch (ArgumentException) { return condition.ToLowerInvariant(); }
    }

    /// <summary>E.g. <c>DeepEmoCluster, 25 % labels, fold 2, seed 0</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Condition}, {ExperimentRuns.Percent(LabelFraction)} labels, fold {Fold}, seed {Seed}");
}
