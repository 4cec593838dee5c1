namespace SerKit.Corpus;

/// <summary>CREMA-D's per-rater responses of one rating session, as read by <see cref="CremaDResponses.Read"/>, and what was left out.</summary>
public sealed record CremaDResponseVotes(
    VoteTable Votes,
    CremaDRatings Ratings,
    int Rows,
    int SessionRows,
    int PracticeRows,
    int Duplicates,
    int Distracted)
{
    /// <summary>Responses kept: one per rater and clip.</summary>
    public int Kept => SessionRows - PracticeRows - Duplicates - Distracted;
}
