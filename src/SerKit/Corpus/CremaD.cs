using System.Globalization;

namespace SerKit.Corpus;

/// <summary>
/// The CREMA-D corpus (Cao et al. 2014) read straight from its folder: <c>AudioWAV/*.wav</c>
/// named <c>actor_sentence_emotion_level</c>, <c>VideoFlash/*.flv</c> with the same stems, and
/// the raters' votes in <c>processedResults/tabulatedVotes.csv</c>.
/// </summary>
public static class CremaD
{
    /// <summary>The first actor id.</summary>
    public const int FirstActor = 1001;

    /// <summary>The last actor id (91 actors in all).</summary>
    public const int LastActor = 1091;

    /// <summary>The number of actors.</summary>
    public const int ActorCount = LastActor - FirstActor + 1;

    /// <summary>The 12 sentence codes.</summary>
    public static readonly IReadOnlyList<string> SentenceCodes =
        new[] { "IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI" };

    /// <summary>The 6 emotion codes, in the order of the vote columns A, D, F, H, N, S.</summary>
    public static readonly IReadOnlyList<string> EmotionCodes = new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    /// <summary>The vote column of each emotion in tabulatedVotes.csv (same order as <see cref="EmotionCodes"/>).</summary>
    public static readonly IReadOnlyList<string> VoteColumns = new[] { "A", "D", "F", "H", "N", "S" };

    /// <summary>The intensity levels: low, medium, high, unspecified.</summary>
    public static readonly IReadOnlyList<string> LevelCodes = new[] { "LO", "MD", "HI", "XX" };

    /// <summary>The votes file relative to the corpus root.</summary>
    public const string VotesPath = "processedResults/tabulatedVotes.csv";

    /// <summary>Reads the corpus and returns its manifest (see <see cref="Read"/> for the report).</summary>
    public static Manifest Load(string root, CremaDLabelRule rule = CremaDLabelRule.Majority, CremaDOptions? options = null) =>
        Read(root, rule, options).Manifest;

    /// <summary>
    /// Reads the corpus under <paramref name="root"/>: one utterance per AudioWAV file (id = file
    /// stem, speaker = actor, label by <paramref name="rule"/>), with extra fields sentence,
    /// intended, level, video (when the .flv exists), and for vote rules votes_ANG … votes_SAD
    /// (plus share_ANG … share_SAD for <see cref="CremaDLabelRule.Distribution"/>).
    /// </summary>
    public static CremaDCorpus Read(string root, CremaDLabelRule rule = CremaDLabelRule.Majority, CremaDOptions? options = null)
    {
        options ??= new CremaDOptions();
        var full = ManifestPaths.NormalizeRoot(root);
        var audio = Path.Combine(full, "AudioWAV");
        if (!Directory.Exists(audio))
            throw new ManifestException(full, null, "no AudioWAV folder: this is not a CREMA-D root");

        var files = Directory.EnumerateFiles(audio, "*", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.') && Path.GetExtension(n).Equals(".wav", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new ManifestException(audio, null, "no .wav files");

        IReadOnlyDictionary<string, CremaDVotes>? votes = null;
        if (rule != CremaDLabelRule.Intended)
        {
            var votesFile = options.VotesFile ?? Path.Combine(full, VotesPath);
            if (!File.Exists(votesFile))
                throw new ManifestException(votesFile, null,
                    $"no such file; the {rule.ToString().ToLowerInvariant()} label rule needs the raters' votes (the intended rule labels from file names)");
            votes = ReadVotes(votesFile, options.Ratings);
        }

        var videos = new HashSet<string>(StringComparer.Ordinal);
        var videoFolder = Path.Combine(full, "VideoFlash");
        if (Directory.Exists(videoFolder))
        {
            foreach (var f in Directory.EnumerateFiles(videoFolder, "*.flv", SearchOption.TopDirectoryOnly))
                videos.Add(Path.GetFileNameWithoutExtension(f));
        }

        var builder = new ManifestBuilder(full, audio);
        int unlabelled = 0, withoutVotes = 0, withVideo = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(audio, file);
            if (!CremaDFileName.TryParse(file, out var name, out var problem))
                throw new ManifestException(path, null, "not a CREMA-D file name: " + problem);
            var extra = new OrderedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["sentence"] = name.Sentence,
                ["intended"] = name.Emotion,
                ["level"] = name.Level,
            };
            var stem = Path.GetFileNameWithoutExtension(file);
            if (videos.Contains(stem))
            {
                extra["video"] = $"VideoFlash/{stem}.flv";
                withVideo++;
            }
            string? label;
            bool hasLabel;
            if (votes is null)
            {
                label = name.Emotion;
                hasLabel = true;
            }
            else if (votes.TryGetValue(stem, out var v) && v.Total > 0)
            {
                for (int i = 0; i < EmotionCodes.Count; i++)
                    extra["votes_" + EmotionCodes[i]] = v.Counts[i].ToString(CultureInfo.InvariantCulture);
                if (rule == CremaDLabelRule.Distribution)
                {
                    var shares = v.Shares();
                    for (int i = 0; i < EmotionCodes.Count; i++)
                        extra["share_" + EmotionCodes[i]] = ManifestText.Number(shares[i]);
                }
                label = rule == CremaDLabelRule.Majority ? v.Majority() : v.Plurality();
                hasLabel = rule == CremaDLabelRule.Distribution || label is not null;
            }
            else
            {
                withoutVotes++;
                label = null;
                hasLabel = false;
            }
            if (!hasLabel)
            {
                unlabelled++;
                if (!options.KeepUnlabelled) continue;
            }
            builder.Add(new Utterance(stem, "AudioWAV/" + file, name.Speaker, label)
            {
                Duration = options.ReadDurations ? Media.WavFile.Duration(path) : null,
                Extra = extra,
            }, file);
        }
        return new CremaDCorpus(builder.Build(), rule, options.Ratings, files.Length, unlabelled, withoutVotes,
            options.KeepUnlabelled, withVideo);
    }

    /// <summary>
    /// Reads <c>tabulatedVotes.csv</c> by column name (A, D, F, H, N, S, fileName; numResponses
    /// is checked against the counts when present) and keeps the rows of one rating session,
    /// told by the unnamed row-id column (R's row names, 100000 × session + clip; also accepted under the name X). Without that column every
    /// file name must appear once. Rows whose fileName is not a CREMA-D name (the practice
    /// clips) are skipped. Keyed by file stem.
    /// </summary>
    public static IReadOnlyDictionary<string, CremaDVotes> ReadVotes(string path, CremaDRatings ratings = CremaDRatings.Voice)
    {
        var table = CsvTable.Read(path);
        table.Require(VoteColumns.Append("fileName").ToArray());
        var counts = VoteColumns.Select(c => table.Column(c)!.Value).ToArray();
        int fileName = table.Column("fileName")!.Value;
        int? responses = table.Column("numResponses");
        int? rowId = table.Column("") ?? table.Column("X");

        var result = new Dictionary<string, CremaDVotes>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, f) in table.Rows)
        {
            var location = $"line {line}";
            if (rowId is { } r)
            {
                int id = Integer(f[r], path, location, "row id");
                int session = id / 100000;
                if (session < 1 || session > 3)
                    throw new ManifestException(path, location, $"row id {id} does not start with a rating session 1, 2 or 3");
                if (session != (int)ratings) continue;
            }
            var name = f[fileName];
            if (!CremaDFileName.TryParse(name, out _, out _)) continue;
            var c = counts.Select((col, i) => Integer(f[col], path, location, VoteColumns[i])).ToArray();
            if (responses is { } n)
            {
                int stated = Integer(f[n], path, location, "numResponses");
                if (stated != c.Sum())
                    throw new ManifestException(path, location, $"numResponses is {stated} but the votes A..S add up to {c.Sum()}");
            }
            if (lines.TryGetValue(name, out var first))
                throw new ManifestException(path, location, rowId is null
                    ? $"fileName {name} appears again (first at line {first}) and there is no row-id column telling the voice, face and audio-visual ratings apart"
                    : $"fileName {name} appears twice in the {ratings} ratings (first at line {first})");
            lines[name] = line;
            result[name] = new CremaDVotes(name, c);
        }
        return result;
    }

    private static int Integer(string text, string path, string location, string column)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 0)
            throw new ManifestException(path, location, $"{column} '{text}' is not a count");
        return v;
    }
}
