using System.Globalization;
using System.Text;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// A small CREMA-D-shaped corpus made on disk by the tests: real file names for all 91 actors
/// (3 clips each: DFA, one other XX sentence, and IEO with a level), 0.2 s sine WAVs,
/// VideoFlash .flv stubs for actors 1001–1010, and processedResults/tabulatedVotes.csv in the
/// corpus's own column layout with voice, face and audio-visual rows. The voice votes of the
/// clip at sorted position j follow pattern j mod 6 (<see cref="VotePattern"/>), relative to
/// the intended emotion e and the next two emotions n1, n2 in ANG, DIS, FEA, HAP, NEU, SAD
/// order (cyclic). Face rows give all 9 votes to n2; audio-visual rows give 7 to n1 and 2 to e.
/// </summary>
public sealed class CremaDTree
{
    /// <summary>Voice vote patterns.</summary>
    public enum VotePattern
    {
        /// <summary>e 8, n1 1, n2 1.</summary>
        Clear,
        /// <summary>e 4, n1 3, n2 3.</summary>
        PluralityOnly,
        /// <summary>e 4, n1 4, n2 2.</summary>
        Tie,
        /// <summary>e 5, n1 4, n2 1: e has exactly half.</summary>
        ExactlyHalf,
        /// <summary>n1 6, e 3, n2 1.</summary>
        OtherMajority,
        /// <summary>No voice row at all (face and audio-visual rows only).</summary>
        NoVoiceRow,
    }

    public static readonly string[] Emotions = { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };
    public static readonly string[] Sentences = { "IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI" };

    /// <summary>The header of CREMA-D's processedResults/tabulatedVotes.csv, in its order.</summary>
    public static readonly string[] VotesHeader =
    {
        "", "A", "D", "F", "H", "N", "S", "fileName", "numResponses", "agreement", "emoVote", "meanEmoResp",
        "meanAngerResp", "meanDisgustResp", "meanFearResp", "meanHappyResp", "meanNeutralResp", "meanSadResp",
        "medianEmoResp", "meanEmoRespNorm", "meanAngerRespNorm", "meanDisgustRespNorm", "meanFearRespNorm",
        "meanHappyRespNorm", "meanNeutralRespNorm", "meanSadRespNorm", "medianEmoRespNorm",
    };

    public const double Seconds = 0.2;

    private CremaDTree(string root, string[] stems)
    {
        Root = root;
        Stems = stems;
        Patterns = stems.Select((s, j) => (s, (VotePattern)(j % 6))).ToDictionary(p => p.s, p => p.Item2);
    }

    public string Root { get; }

    /// <summary>All clip stems, ordinal order.</summary>
    public IReadOnlyList<string> Stems { get; }

    public IReadOnlyDictionary<string, VotePattern> Patterns { get; }

    public string VotesFile => Path.Combine(Root, "processedResults", "tabulatedVotes.csv");

    /// <summary>Stems of clips that have a VideoFlash file.</summary>
    public IEnumerable<string> WithVideo => Stems.Where(s => int.Parse(s[..4], CultureInfo.InvariantCulture) <= 1010);

    public static string Intended(string stem) => stem.Split('_')[2];

    /// <summary>The emotion <paramref name="k"/> places after <paramref name="emotion"/> (cyclic).</summary>
    public static string Next(string emotion, int k) => Emotions[(Array.IndexOf(Emotions, emotion) + k) % 6];

    /// <summary>Builds the tree in a new temporary folder.</summary>
    public static CremaDTree Create()
    {
        var root = RepoPaths.NewTempFolder("serkit-cremad");
        var stems = new List<string>();
        for (int i = 0; i < 91; i++)
        {
            int actor = 1001 + i;
            stems.Add($"{actor}_DFA_{Emotions[i % 6]}_XX");
            stems.Add($"{actor}_{Sentences[1 + i % 7]}_{Emotions[(i + 2) % 6]}_XX");
            var e = Emotions[(i + 4) % 6];
            stems.Add($"{actor}_IEO_{e}_{(e == "NEU" ? "XX" : new[] { "LO", "MD", "HI" }[i % 3])}");
        }
        stems.Sort(StringComparer.Ordinal);
        var tree = new CremaDTree(root, stems.ToArray());
        foreach (var stem in stems) SineWav.Write(Path.Combine(root, "AudioWAV", stem + ".wav"), Seconds);
        Directory.CreateDirectory(Path.Combine(root, "VideoFlash"));
        foreach (var stem in tree.WithVideo) WriteFlvStub(Path.Combine(root, "VideoFlash", stem + ".flv"));
        WriteFlvStub(Path.Combine(root, "VideoFlash", "1091_XXX_ANG_XX.flv")); // a video without audio: ignored
        tree.WriteVotes(tree.VotesFile);
        return tree;
    }

    /// <summary>The voice-session counts (A, D, F, H, N, S order) of a clip, or null for <see cref="VotePattern.NoVoiceRow"/>.</summary>
    public int[]? VoiceVotes(string stem)
    {
        var e = Intended(stem);
        var c = new int[6];
        void Add(string emotion, int n) => c[Array.IndexOf(Emotions, emotion)] += n;
        switch (Patterns[stem])
        {
            case VotePattern.Clear: Add(e, 8); Add(Next(e, 1), 1); Add(Next(e, 2), 1); break;
            case VotePattern.PluralityOnly: Add(e, 4); Add(Next(e, 1), 3); Add(Next(e, 2), 3); break;
            case VotePattern.Tie: Add(e, 4); Add(Next(e, 1), 4); Add(Next(e, 2), 2); break;
            case VotePattern.ExactlyHalf: Add(e, 5); Add(Next(e, 1), 4); Add(Next(e, 2), 1); break;
            case VotePattern.OtherMajority: Add(Next(e, 1), 6); Add(e, 3); Add(Next(e, 2), 1); break;
            case VotePattern.NoVoiceRow: return null;
        }
        return c;
    }

    /// <summary>
    /// Writes the votes file; <paramref name="columnOrder"/> permutes the columns (indices into
    /// <see cref="VotesHeader"/>) to check that readers go by name.
    /// </summary>
    public void WriteVotes(string path, int[]? columnOrder = null)
    {
        var rows = new List<(int, string, int[])>();
        for (int session = 1; session <= 3; session++)
        {
            for (int j = 0; j < Stems.Count; j++)
            {
                var stem = Stems[j];
                var e = Intended(stem);
                int[]? c = session switch
                {
                    1 => VoiceVotes(stem),
                    2 => Counts((Next(e, 2), 9)),
                    _ => Counts((Next(e, 1), 7), (e, 2)),
                };
                if (c is null) continue;
                rows.Add((100000 * session + j + 1, stem, c));
            }
            rows.Add((100000 * session + Stems.Count + 1, "ANG_HI_practice", Counts(("ANG", 5))));
        }
        WriteVotesTable(path, rows, columnOrder);
    }

    /// <summary>
    /// Writes a tabulatedVotes.csv in CREMA-D's layout (<see cref="VotesHeader"/>, quoted text cells, \n line ends):
    /// one row per (row id, file name, vote counts in A, D, F, H, N, S order). The row id is R's row name,
    /// 100000 × rating session (1 voice, 2 face, 3 audio-visual) + clip number; the derived columns
    /// (numResponses, agreement, emoVote, the mean/median responses) are filled from the counts.
    /// <paramref name="columnOrder"/> permutes the columns (indices into <see cref="VotesHeader"/>).
    /// </summary>
    public static void WriteVotesTable(string path, IEnumerable<(int Id, string FileName, int[] Counts)> rows, int[]? columnOrder = null)
    {
        columnOrder ??= Enumerable.Range(0, VotesHeader.Length).ToArray();
        var sb = new StringBuilder();
        sb.Append(string.Join(',', columnOrder.Select(i => Quote(VotesHeader[i])))).Append('\n');
        foreach (var (id, fileName, counts) in rows)
        {
            var r = Row(id, fileName, counts);
            sb.Append(string.Join(',', columnOrder.Select(i => r[i]))).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>Vote counts in A, D, F, H, N, S order from (emotion code, votes) pairs.</summary>
    public static int[] Counts(params (string Emotion, int N)[] votes)
    {
        var c = new int[6];
        foreach (var (e, n) in votes) c[Array.IndexOf(Emotions, e)] += n;
        return c;
    }

    private static string[] Row(int id, string fileName, int[] c)
    {
        int total = c.Sum(), max = c.Max();
        var vote = string.Join(':', Enumerable.Range(0, 6).Where(i => c[i] == max).Select(i => "ADFHNS"[i].ToString()));
        var mean = (Func<int, string>)(i => c[i] == 0 ? "-1" : (50 + 3 * i).ToString(CultureInfo.InvariantCulture));
        var cells = new List<string> { Quote(id.ToString(CultureInfo.InvariantCulture)) };
        cells.AddRange(c.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        cells.Add(Quote(fileName));
        cells.Add(total.ToString(CultureInfo.InvariantCulture));
        cells.Add(((double)max / total).ToString("R", CultureInfo.InvariantCulture));
        cells.Add(Quote(vote));
        cells.Add("55.5");
        cells.AddRange(Enumerable.Range(0, 6).Select(mean));
        cells.Add("56");
        cells.Add("50.25");
        cells.AddRange(Enumerable.Range(0, 6).Select(mean));
        cells.Add("52");
        return cells.ToArray();
    }

    private static string Quote(string s) => "\"" + s + "\"";

    private static void WriteFlvStub(string path)
    {
        // An FLV file header (signature, version 1, audio+video flags, header size 9) and PreviousTagSize0.
        File.WriteAllBytes(path, new byte[] { (byte)'F', (byte)'L', (byte)'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0 });
    }
}
