namespace SerKit.Corpus;

/// <summary>
/// Reads individual votes. The generic table is a CSV with a header holding the columns <c>id</c>,
/// <c>rater</c> and <c>label</c> (others are ignored), one row per rater and utterance; a multi-choice
/// answer puts several labels in <c>label</c> separated by <c>;</c> (e.g. <c>ANG;DIS</c>). An empty field,
/// a label repeated within a row, or a rater answering the same utterance twice is an error naming the
/// file and line.
/// </summary>
public static class VoteTableFile
{
    /// <summary>The separator of several labels in one answer.</summary>
    public const char LabelSeparator = ';';

    /// <summary>
    /// Reads votes from <paramref name="path"/> in <paramref name="format"/> (auto: from the header).
    /// For CREMA-D, <paramref name="ratings"/> chooses the rating session (see <see cref="CremaDResponses.Read"/>).
    /// </summary>
    public static VoteTable Read(string path, VoteTableFormat format = VoteTableFormat.Auto, CremaDRatings ratings = CremaDRatings.Voice)
    {
        if (!File.Exists(path)) throw new ManifestException(path, null, "no such file");
        if (format == VoteTableFormat.Auto) format = Detect(path);
        return format == VoteTableFormat.CremaD ? CremaDResponses.Read(path, ratings).Votes : ReadTable(path);
    }

    /// <summary>The format of <paramref name="path"/> told from its header.</summary>
    public static VoteTableFormat Detect(string path)
    {
        var header = CsvTable.ReadHeader(path);
        if (header.Contains("clipName") && header.Contains("respEmo")) return VoteTableFormat.CremaD;
        if (header.Contains("id") && header.Contains("rater") && header.Contains("label")) return VoteTableFormat.Table;
        throw new ManifestException(path, "line 1",
            $"not a vote table: expected the columns id, rater, label (or CREMA-D's clipName, respEmo, …); header has: {string.Join(", ", header)}");
    }

    /// <summary>Reads the generic table <c>id,rater,label</c>.</summary>
    public static VoteTable ReadTable(string path)
    {
        var table = CsvTable.Read(path);
        table.Require("id", "rater", "label");
        int idCol = table.Column("id")!.Value, raterCol = table.Column("rater")!.Value, labelCol = table.Column("label")!.Value;
        var builder = new VoteTableBuilder(path);
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            var id = f[idCol].Trim();
            var rater = f[raterCol].Trim();
            if (id.Length == 0) throw new ManifestException(path, location, "empty id");
            if (rater.Length == 0) throw new ManifestException(path, location, $"empty rater for utterance '{id}'");
            var labels = f[labelCol].Split(LabelSeparator).Select(l => l.Trim()).ToArray();
            if (labels.Any(l => l.Length == 0))
                throw new ManifestException(path, location, f[labelCol].Trim().Length == 0
                    ? $"empty label (rater '{rater}', utterance '{id}')"
                    : $"empty label in '{f[labelCol]}' (labels are separated by '{LabelSeparator}')");
            var repeated = labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated != null) throw new ManifestException(path, location, $"label '{repeated.Key}' given twice in one answer");
            builder.Add(id, rater, labels, location);
        }
        return builder.Build();
    }
}
