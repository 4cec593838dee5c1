namespace SerKit.Labels;

/// <summary>How the votes of one utterance add to the co-occurrence counts (see docs/cooccurrence.md).</summary>
public enum CooccurrenceCounting
{
    /// <summary>
    /// Each utterance adds 1 to every pair of distinct classes that both received at least one vote, and 1 to
    /// the occurrence count of every class that received a vote: counts are numbers of utterances.
    /// </summary>
    Presence,

    /// <summary>
    /// Each utterance adds n_i·n_j to pair (i, j), i ≠ j, where n_i is the number of votes for class i: counts
    /// are numbers of ordered pairs of distinct votes on the same utterance, so utterances with many
    /// disagreeing raters weigh more. The occurrence count of i is Σ n_i·(V − 1), V = the utterance's votes.
    /// </summary>
    Votes,
}
