using SerKit.Face;

namespace SerKit.Pretext;

/// <summary>
/// T3's per-utterance measurement: the emotion the face shows through AU combinations.
/// <list type="bullet">
/// <item>An AU is present in a frame when its presence column says so (<c>AUxx_c == 1</c>);
/// for an AU whose track has no presence column, when <c>AUxx_r ≥</c>
/// <see cref="AuRuleTable.IntensityThreshold"/>. NaN is absent. A track lacking both columns
/// of an AU the table uses is an error (the message names the file and the columns).</item>
/// <item>A frame shows a rule's class when all the rule's AUs are present. When several rules
/// hold, the one with the most AUs wins; among those with equally many AUs, the one listed
/// first in the table.</item>
/// <item>Over the valid frames (<c>success == 1</c>, confidence ≥ the minimum), the class shown
/// in the most frames wins (ties: the one listed first); the utterance gets it when its share of
/// valid frames is at least <see cref="AuRuleTable.MinShare"/> and it is shown at least once,
/// otherwise the neutral class.</item>
/// <item>No label (masked) when no frame is valid or fewer than
/// <see cref="FaceEvidenceOptions.MinValidShare"/> of the rows are.</item>
/// </list>
/// </summary>
public static class AuEmotion
{
    /// <summary>Measures a track with a rule table.</summary>
    public static AuEmotionMeasurement Measure(FaceTrack track, AuRuleTable table, FaceEvidenceOptions options)
    {
        var columns = Resolve(track, table);
        var frames = PrimaryFace.Frames(track, options.MinConfidence);
        var counts = new int[table.Rules.Count];
        int valid = 0;
        foreach (var frame in frames)
        {
            if (!PrimaryFace.IsTracked(frame, options.MinConfidence)) continue;
            valid++;
            int rule = FrameRule(frame, table, columns);
            if (rule >= 0) counts[rule]++;
        }
        var result = new AuEmotionMeasurement(frames.Count, valid, counts, null, null);
        if (valid == 0 || result.ValidShare < options.MinValidShare) return result;
        int best = 0;
        for (int r = 1; r < counts.Length; r++) if (counts[r] > counts[best]) best = r;
        double share = (double)counts[best] / valid;
        int label = counts[best] > 0 && share >= table.MinShare ? best + 1 : 0;
        return result with { ClassIndex = label, Share = share };
    }

    /// <summary>
    /// The rule (index into <see cref="AuRuleTable.Rules"/>) a frame shows, or −1 when none holds.
    /// Does not look at the frame's validity.
    /// </summary>
    public static int FrameRule(FaceTrack track, FaceFrame frame, AuRuleTable table) => FrameRule(frame, table, Resolve(track, table));

    private static int FrameRule(FaceFrame frame, AuRuleTable table, Dictionary<int, (bool Presence, int Index)> columns)
    {
        int best = -1;
        for (int r = 0; r < table.Rules.Count; r++)
        {
            var rule = table.Rules[r];
            if (best >= 0 && rule.Aus.Count <= table.Rules[best].Aus.Count) continue;
            bool all = true;
            foreach (var au in rule.Aus)
            {
                var (presence, index) = columns[au];
                bool present = presence ? frame.AuPresence[index] == 1f : frame.AuIntensity[index] >= table.IntensityThreshold;
                if (!present) { all = false; break; }
            }
            if (all) best = r;
        }
        return best;
    }

    private static Dictionary<int, (bool Presence, int Index)> Resolve(FaceTrack track, AuRuleTable table)
    {
        var columns = new Dictionary<int, (bool, int)>();
        var missing = new List<int>();
        foreach (var au in table.Aus)
        {
            int c = track.PresenceIndex(au);
            if (c >= 0) { columns[au] = (true, c); continue; }
            int r = track.IntensityIndex(au);
            if (r >= 0) { columns[au] = (false, r); continue; }
            missing.Add(au);
        }
        if (missing.Count > 0)
            throw new FaceTrackException(track.Path,
                $"the T3 rule table ({table.Source}) uses AU{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} but the file has none of the columns " +
                string.Join(", ", missing.SelectMany(a => new[] { FaceTrack.PresenceColumn(a), FaceTrack.IntensityColumn(a) })));
        return columns;
    }
}
