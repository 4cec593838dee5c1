using SerKit.Corpus;
using SerKit.Labels;

namespace SerKit.Experiments;

/// <summary>
/// How conditions with a label type other than <c>hard</c> or with <c>+penalty</c> are trained (docs/cooccurrence.md):
/// the raters' votes (a vote table, or the labelled manifest's <c>votes_&lt;CLASS&gt;</c> columns that CREMA-D's
/// layout gives), the co-occurrence counting and normalisation of the penalty, and the penalty's mixing weight α.
/// </summary>
public sealed record LabelsRecipe
{
    /// <summary>Individual votes (CSV <c>id,rater,label</c> or CREMA-D's <c>finishedResponses.csv</c>); null = the manifest's vote columns.</summary>
    public string? Votes { get; init; }

    /// <summary>Format of <see cref="Votes"/>.</summary>
    public VoteTableFormat VotesFormat { get; init; } = VoteTableFormat.Auto;

    /// <summary>Rating session of a CREMA-D <c>finishedResponses.csv</c>.</summary>
    public CremaDRatings Ratings { get; init; } = CremaDRatings.Voice;

    /// <summary>How co-occurrences are counted.</summary>
    public CooccurrenceCounting Counting { get; init; } = CooccurrenceCounting.Presence;

    /// <summary>How counts become frequencies (penalty = 1 − frequency).</summary>
    public CooccurrenceNormalization Normalization { get; init; } = CooccurrenceNormalization.Conditional;

    /// <summary>Mixing weight α of the penalty: (1 − α)·plain + α·penalised.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(Alpha is >= 0 and <= 1)) throw new ArgumentException($"labels.alpha: must be in [0, 1] (got {Alpha})");
    }
}
