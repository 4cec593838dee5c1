namespace SerKit.Corpus;

/// <summary>Options for reading CREMA-D (see <see cref="CremaD.Read"/>).</summary>
public sealed record CremaDOptions
{
    /// <summary>Which rating session the votes come from; voice only by default.</summary>
    public CremaDRatings Ratings { get; init; } = CremaDRatings.Voice;

    /// <summary>Keep utterances without a label under the rule (label empty) instead of leaving them out.</summary>
    public bool KeepUnlabelled { get; init; }

    /// <summary>Read each WAV header for the duration (cheap: headers only).</summary>
    public bool ReadDurations { get; init; } = true;

    /// <summary>The votes file; default <c>processedResults/tabulatedVotes.csv</c> under the corpus root.</summary>
    public string? VotesFile { get; init; }
}
