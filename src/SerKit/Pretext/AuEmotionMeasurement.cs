namespace SerKit.Pretext;

/// <summary>T3's per-utterance measurement.</summary>
/// <param name="Frames">Rows of the primary face.</param>
/// <param name="ValidFrames">Rows with <c>success == 1</c> and enough confidence.</param>
/// <param name="FrameCounts">Valid frames that show each rule's class, in table order (a frame counts for its winning rule only).</param>
/// <param name="ClassIndex">Index into <see cref="AuRuleTable.Classes"/> (0 = neutral), null when masked.</param>
/// <param name="Share">The largest share of valid frames showing one emotion (0 when none does), null when masked.</param>
public sealed record AuEmotionMeasurement(int Frames, int ValidFrames, IReadOnlyList<int> FrameCounts, int? ClassIndex, double? Share)
{
    /// <summary>Share of the rows that are valid (0 for an empty track).</summary>
    public double ValidShare => Frames == 0 ? 0 : (double)ValidFrames / Frames;
}
