using System.Globalization;

namespace SerKit.Corpus;

/// <summary>
/// Reads CREMA-D's individual raters' responses, <c>finishedResponses.csv</c> at the corpus root. The
/// layout, as documented in the corpus README (CheyneyComputerScience/CREMA-D, "Finished Responses
/// Columns") and read by its <c>processFinishedResponses.R</c>: an unnamed row-name column, then
/// <c>localid</c> (participant), <c>pos</c>, <c>ans</c>, <c>ttr</c>, <c>queryType</c> (1 voice only,
/// 2 face only, 3 audio-visual), <c>numTries</c>, <c>clipNum</c>, <c>questNum</c>, <c>subType</c>,
/// <c>clipName</c> (file stem, e.g. <c>1001_DFA_ANG_XX</c>), <c>sessionNums</c>, <c>respEmo</c>
/// (A, D, F, H, N, S), <c>respLevel</c>, <c>dispEmo</c>, <c>dispVal</c>, <c>dispLevel</c>. Columns are
/// found by name; only <c>localid</c>, <c>queryType</c>, <c>clipName</c> and <c>respEmo</c> are needed.
/// </summary>
public static class CremaDResponses
{
    /// <summary>The responses file relative to the corpus root.</summary>
    public const string ResponsesPath = "finishedResponses.csv";

    /// <summary>The first-response timing file relative to the corpus root (used for the distracted-response filter).</summary>
    public const string EmoResponsesPath = "finishedEmoResponses.csv";

    /// <summary>A first click later than this (ms) marks a response as distracted in the corpus's own tabulation.</summary>
    public const int DistractedMilliseconds = 10000;

    /// <summary>
    /// Reads the responses of rating session <paramref name="ratings"/>: one vote per rater (<c>localid</c>)
    /// and clip, labelled with the emotion code (ANG … SAD) of <c>respEmo</c>. Rows whose <c>clipName</c>
    /// is not a CREMA-D name (the practice clips) are skipped; a rater's repeated response to a clip keeps
    /// the first (both are counted). With <paramref name="distractedFrom"/> (<c>finishedEmoResponses.csv</c>),
    /// responses whose first click came after <see cref="DistractedMilliseconds"/> are dropped, matched on
    /// (<c>sessionNums</c>, <c>queryType</c>, <c>questNum</c>) as <c>processFinishedResponses.R</c> does before
    /// tabulating <c>tabulatedVotes.csv</c> (a <c>ttr</c> that is not a number marks nothing, as R's NA there).
    /// A bad query type or emotion is an error naming the file and line.
    /// </summary>
    public static CremaDResponseVotes Read(string path, CremaDRatings ratings = CremaDRatings.Voice, string? distractedFrom = null)
    {
        if (!File.Exists(path)) throw new ManifestException(path, null, "no such file");
        var table = CsvTable.Read(path);
        var required = new List<string> { "localid", "queryType", "clipName", "respEmo" };
        if (distractedFrom != null) required.AddRange(["sessionNums", "questNum"]);
        table.Require(required.ToArray());
        int rater = table.Column("localid")!.Value, query = table.Column("queryType")!.Value;
        int clip = table.Column("clipName")!.Value, emotion = table.Column("respEmo")!.Value;
        var distracted = distractedFrom is null ? null : DistractedQuestions(distractedFrom);

        var builder = new VoteTableBuilder(path);
        int sessionRows = 0, practice = 0, duplicates = 0, dropped = 0;
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            int type = QueryType(f[query], path, location);
            if (type != (int)ratings) continue;
            sessionRows++;
            if (!CremaDFileName.TryParse(f[clip], out var name, out _))
            {
                practice++;
                continue;
            }
            int e = IndexOf(CremaD.VoteColumns, f[emotion].Trim());
            if (e < 0)
                throw new ManifestException(path, location, $"respEmo '{f[emotion]}' is not one of {string.Join(", ", CremaD.VoteColumns)}");
            var who = f[rater].Trim();
            if (who.Length == 0) throw new ManifestException(path, location, "empty localid");
            if (distracted != null)
            {
                var key = (Number(f[table.Column("sessionNums")!.Value], path, location, "sessionNums"), type,
                    Number(f[table.Column("questNum")!.Value], path, location, "questNum"));
                if (distracted.Contains(key))
                {
                    dropped++;
                    continue;
                }
            }
            if (!builder.TryAdd(name.Stem, who, [CremaD.EmotionCodes[e]], location, out _)) duplicates++;
        }
        return new CremaDResponseVotes(builder.Build(), ratings, table.Rows.Count, sessionRows, practice, duplicates, dropped);
    }

    /// <summary>The (session, query type, question) keys whose first emotion click took longer than <see cref="DistractedMilliseconds"/>.</summary>
    private static HashSet<(long Session, int Query, long Question)> DistractedQuestions(string path)
    {
        if (!File.Exists(path)) throw new ManifestException(path, null, "no such file");
        var table = CsvTable.Read(path);
        table.Require("sessionNums", "queryType", "questNum", "ttr");
        int session = table.Column("sessionNums")!.Value, query = table.Column("queryType")!.Value;
        int question = table.Column("questNum")!.Value, ttr = table.Column("ttr")!.Value;
        var keys = new HashSet<(long, int, long)>();
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            // As processFinishedResponses.R: as.numeric(ttr) > 10000, where a ttr that is not a number (NA) marks nothing.
            if (double.TryParse(f[ttr], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > DistractedMilliseconds)
                keys.Add((Number(f[session], path, location, "sessionNums"), QueryType(f[query], path, location), Number(f[question], path, location, "questNum")));
        }
        return keys;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }

    private static int QueryType(string text, string path, string location)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is 1 or 2 or 3) return (int)v;
        throw new ManifestException(path, location, $"queryType '{text}' is not 1 (voice), 2 (face) or 3 (audio-visual)");
    }

    private static long Number(string text, string path, string location, string column)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v == Math.Floor(v) && Math.Abs(v) < 1e15) return (long)v;
        throw new ManifestException(path, location, $"{column} '{text}' is not an integer");
    }
}
