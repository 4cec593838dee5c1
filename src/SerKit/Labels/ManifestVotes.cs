using System.Globalization;
using SerKit.Corpus;

namespace SerKit.Labels;

/// <summary>
/// Per-class vote counts of a manifest's utterances: from a <see cref="VoteTable"/>, or from the extra columns
/// <c>votes_&lt;CLASS&gt;</c> (as <see cref="CremaD.Load"/> writes them for its vote-based label rules).
/// </summary>
public static class ManifestVotes
{
    /// <summary>The extra column that holds the votes for <paramref name="label"/>.</summary>
    public static string Column(string label) => "votes_" + label;

    /// <summary>
    /// For each utterance of <paramref name="manifest"/> (by id), the votes for each of <paramref name="classes"/>, or null when it
    /// has none. Returns null when the votes are not available at all (no <paramref name="votes"/> and no utterance carries any
    /// <c>votes_&lt;CLASS&gt;</c> column of the classes). An utterance with only some of the columns, or a count that is not a
    /// non-negative number, is an error naming the manifest and the utterance.
    /// </summary>
    public static IReadOnlyDictionary<string, double[]?>? TryRead(Manifest manifest, IReadOnlyList<string> classes, VoteTable? votes = null)
    {
        var result = new Dictionary<string, double[]?>(StringComparer.Ordinal);
        if (votes != null)
        {
            foreach (var u in manifest.Items)
                result[u.Id] = votes.Find(u.Id)?.Counts(classes).Select(c => (double)c).ToArray();
            return result;
        }
        var columns = classes.Select(Column).ToArray();
        bool any = false;
        var where = manifest.Source ?? manifest.Root;
        foreach (var u in manifest.Items)
        {
            var present = columns.Where(u.Extra.ContainsKey).ToArray();
            if (present.Length == 0)
            {
                result[u.Id] = null;
                continue;
            }
            if (present.Length != columns.Length)
                throw new ManifestException(where, $"utterance {u.Id}", $"has {string.Join(", ", present)} but not {string.Join(", ", columns.Except(present))}");
            any = true;
            var counts = new double[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                var text = u.Extra[columns[i]];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out counts[i]) || !double.IsFinite(counts[i]) || counts[i] < 0)
                    throw new ManifestException(where, $"utterance {u.Id}", $"{columns[i]} '{text}' is not a vote count");
            }
            result[u.Id] = counts;
        }
        return any ? result : null;
    }

    /// <summary>As <see cref="TryRead"/>, but a manifest without votes is an error saying where votes come from.</summary>
    public static IReadOnlyDictionary<string, double[]?> Read(Manifest manifest, IReadOnlyList<string> classes, VoteTable? votes = null) =>
        TryRead(manifest, classes, votes) ?? throw new ManifestException(manifest.Source ?? manifest.Root, null,
            $"no vote columns {string.Join(", ", classes.Select(Column))}: multi-label and distribution targets need the raters' votes "
            + "(a CREMA-D manifest made with a vote-based label rule has them, or give a vote table)");
}
