namespace SerKit.Corpus;

/// <summary>The file layouts individual votes are read from (see docs/cooccurrence.md).</summary>
public enum VoteTableFormat
{
    /// <summary>Told from the header: <c>clipName</c> and <c>respEmo</c> mean CREMA-D, <c>id,rater,label</c> the generic table.</summary>
    Auto,

    /// <summary>The generic table: CSV <c>id,rater,label</c>, one row per rater and utterance; several labels separated by <c>;</c>.</summary>
    Table,

    /// <summary>CREMA-D's <c>finishedResponses.csv</c> (one row per rater response).</summary>
    CremaD,
}
