using SerKit.Corpus;
using SerKit.Tests.Fixtures;
using Pattern = SerKit.Tests.Fixtures.CremaDTree.VotePattern;

namespace SerKit.Tests.Corpus;

public class CremaDTests : IClassFixture<CremaDTests.Tree>
{
    /// <summary>One CREMA-D tree shared by the tests of this class (it is only read).</summary>
    public sealed class Tree
    {
        public CremaDTree Value { get; } = CremaDTree.Create();
    }

    private readonly CremaDTree _tree;

    public CremaDTests(Tree tree) => _tree = tree.Value;

    [Theory]
    [InlineData("AudioWAV/1001_DFA_ANG_XX.wav", 1001, "DFA", "ANG", "XX")]
    [InlineData("1091_IEO_SAD_HI", 1091, "IEO", "SAD", "HI")]
    [InlineData("/data/x/1050_WSI_NEU_XX.flv", 1050, "WSI", "NEU", "XX")]
    public void ParsesFileNames(string name, int actor, string sentence, string emotion, string level)
    {
        var p = CremaDFileName.Parse(name);
        Assert.Equal(new CremaDFileName(actor, sentence, emotion, level), p);
        Assert.Equal(actor.ToString(), p.Speaker);
    }

    [Theory]
    [InlineData("1000_DFA_ANG_XX", "actor")]
    [InlineData("1092_DFA_ANG_XX", "actor")]
    [InlineData("1001_ABC_ANG_XX", "sentence")]
    [InlineData("1001_DFA_JOY_XX", "emotion")]
    [InlineData("1001_DFA_ANG_ZZ", "level")]
    [InlineData("1001_DFA_ANG", "four parts")]
    [InlineData("ANG_HI_practice", "actor")]
    public void RefusesOtherNames(string name, string problem)
    {
        Assert.False(CremaDFileName.TryParse(name, out _, out var why));
        Assert.Contains(problem, why);
        Assert.Throws<FormatException>(() => CremaDFileName.Parse(name));
    }

    [Fact]
    public void HasTheTwelveSentencesAndSixEmotions()
    {
        Assert.Equal(12, CremaD.SentenceCodes.Distinct().Count());
        Assert.Equal(new[] { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" }, CremaD.EmotionCodes);
        Assert.Equal(91, CremaD.ActorCount);
    }

    [Fact]
    public void IntendedLabelsComeFromFileNames()
    {
        var c = CremaD.Read(_tree.Root, CremaDLabelRule.Intended);
        var m = c.Manifest;
        Assert.Equal(273, c.AudioFiles);
        Assert.Equal(273, m.Items.Count);
        Assert.Equal(0, c.Unlabelled);
        Assert.Equal(91, m.Speakers.Count);
        Assert.Equal(Path.GetFullPath(_tree.Root), m.Root);
        var u = m.Items[0];
        Assert.Equal("1001_DFA_ANG_XX", u.Id);
        Assert.Equal("AudioWAV/1001_DFA_ANG_XX.wav", u.Path);
        Assert.Equal("1001", u.Speaker);
        Assert.Equal("ANG", u.Label);
        Assert.Equal(CremaDTree.Seconds, u.Duration!.Value, 12);
        Assert.Equal("DFA", u.Extra["sentence"]);
        Assert.Equal("XX", u.Extra["level"]);
        Assert.Equal("VideoFlash/1001_DFA_ANG_XX.flv", u.Extra["video"]);
        Assert.False(u.Extra.ContainsKey("votes_ANG"));
        Assert.Equal(30, c.WithVideo);
        Assert.True(File.Exists(m.FullPath(u)));
        Assert.All(m.Items, x => Assert.Equal(CremaDTree.Intended(x.Id), x.Label));
        Assert.DoesNotContain(m.Items, x => x.Id.StartsWith("1091") && x.Extra.ContainsKey("video"));
    }

    [Fact]
    public void VotesAreReadByColumnName()
    {
        var votes = CremaD.ReadVotes(_tree.VotesFile);
        // 1001_DFA_ANG_XX is the first clip: pattern Clear, e = ANG: 8 ANG, 1 DIS, 1 FEA.
        Assert.Equal(new[] { 8, 1, 1, 0, 0, 0 }, votes["1001_DFA_ANG_XX"].Counts);
        Assert.DoesNotContain("ANG_HI_practice", votes.Keys);
        Assert.Equal(273 - _tree.Patterns.Values.Count(p => p == Pattern.NoVoiceRow), votes.Count);
        // Face and audio-visual sessions are the rows 2xxxxx and 3xxxxx.
        Assert.Equal(new[] { 0, 0, 9, 0, 0, 0 }, CremaD.ReadVotes(_tree.VotesFile, CremaDRatings.Face)["1001_DFA_ANG_XX"].Counts);
        Assert.Equal(new[] { 2, 7, 0, 0, 0, 0 }, CremaD.ReadVotes(_tree.VotesFile, CremaDRatings.AudioVisual)["1001_DFA_ANG_XX"].Counts);

        // The same file with its columns in another order gives the same votes.
        var shuffled = Path.Combine(RepoPaths.NewTempFolder(), "votes.csv");
        var order = Enumerable.Range(0, CremaDTree.VotesHeader.Length).Reverse().ToArray();
        _tree.WriteVotes(shuffled, order);
        var again = CremaD.ReadVotes(shuffled);
        Assert.Equal(votes.Count, again.Count);
        Assert.All(votes, kv => Assert.Equal(kv.Value, again[kv.Key]));
    }

    [Fact]
    public void HandCheckedVoteCounts()
    {
        // Counts A,D,F,H,N,S; majority needs strictly more than half.
        var clear = new CremaDVotes("x", new[] { 8, 1, 1, 0, 0, 0 });
        Assert.Equal("ANG", clear.Majority());
        Assert.Equal("ANG", clear.Plurality());
        Assert.Equal(new[] { 0.8, 0.1, 0.1, 0, 0, 0 }, clear.Shares());
        var half = new CremaDVotes("x", new[] { 0, 0, 0, 5, 4, 1 });
        Assert.Null(half.Majority());
        Assert.Equal("HAP", half.Plurality());
        var tie = new CremaDVotes("x", new[] { 0, 4, 4, 0, 2, 0 });
        Assert.Null(tie.Majority());
        Assert.Null(tie.Plurality());
        var justOver = new CremaDVotes("x", new[] { 0, 0, 0, 0, 5, 4 });
        Assert.Equal("NEU", justOver.Majority());
        var none = new CremaDVotes("x", new int[6]);
        Assert.Null(none.Majority());
        Assert.Null(none.Plurality());
        Assert.Equal(9, justOver.Total);
        Assert.Equal(4, justOver["SAD"]);
    }

    // Expected labels per voice-vote pattern, worked out by hand from the counts in CremaDTree
    // ("e" = intended emotion, "n1" = the next emotion, null = no label).
    [Theory]
    [InlineData(CremaDLabelRule.Majority, Pattern.Clear, "e")]
    [InlineData(CremaDLabelRule.Majority, Pattern.PluralityOnly, null)]
    [InlineData(CremaDLabelRule.Majority, Pattern.Tie, null)]
    [InlineData(CremaDLabelRule.Majority, Pattern.ExactlyHalf, null)]
    [InlineData(CremaDLabelRule.Majority, Pattern.OtherMajority, "n1")]
    [InlineData(CremaDLabelRule.Majority, Pattern.NoVoiceRow, null)]
    [InlineData(CremaDLabelRule.Plurality, Pattern.Clear, "e")]
    [InlineData(CremaDLabelRule.Plurality, Pattern.PluralityOnly, "e")]
    [InlineData(CremaDLabelRule.Plurality, Pattern.Tie, null)]
    [InlineData(CremaDLabelRule.Plurality, Pattern.ExactlyHalf, "e")]
    [InlineData(CremaDLabelRule.Plurality, Pattern.OtherMajority, "n1")]
    [InlineData(CremaDLabelRule.Plurality, Pattern.NoVoiceRow, null)]
    [InlineData(CremaDLabelRule.Intended, Pattern.Tie, "e")]
    [InlineData(CremaDLabelRule.Intended, Pattern.OtherMajority, "e")]
    [InlineData(CremaDLabelRule.Intended, Pattern.NoVoiceRow, "e")]
    public void LabelRulesGiveTheHandCheckedLabels(CremaDLabelRule rule, Pattern pattern, string? expected)
    {
        var kept = CremaD.Read(_tree.Root, rule, new CremaDOptions { KeepUnlabelled = true });
        var byId = kept.Manifest.Items.ToDictionary(u => u.Id);
        var stems = _tree.Stems.Where(s => _tree.Patterns[s] == pattern).ToArray();
        Assert.NotEmpty(stems);
        foreach (var stem in stems)
        {
            var e = CremaDTree.Intended(stem);
            var want = expected switch { "e" => e, "n1" => CremaDTree.Next(e, 1), _ => null };
            Assert.Equal(want, byId[stem].Label);
        }
    }

    [Theory]
    [InlineData(CremaDLabelRule.Majority, 2)]     // Clear, OtherMajority
    [InlineData(CremaDLabelRule.Plurality, 4)]    // Clear, PluralityOnly, ExactlyHalf, OtherMajority
    [InlineData(CremaDLabelRule.Distribution, 5)] // all but NoVoiceRow
    [InlineData(CremaDLabelRule.Intended, 6)]
    public void UnlabelledUtterancesAreCountedAndLeftOutOrKept(CremaDLabelRule rule, int labelledPatterns)
    {
        int expected = _tree.Stems.Count(s => LabelledUnder(rule, _tree.Patterns[s]));
        Assert.Equal(labelledPatterns, Enum.GetValues<Pattern>().Count(p => LabelledUnder(rule, p)));
        var dropped = CremaD.Read(_tree.Root, rule);
        Assert.Equal(expected, dropped.Manifest.Items.Count);
        Assert.Equal(273 - expected, dropped.Unlabelled);
        Assert.False(dropped.KeptUnlabelled);
        var kept = CremaD.Read(_tree.Root, rule, new CremaDOptions { KeepUnlabelled = true });
        Assert.Equal(273, kept.Manifest.Items.Count);
        Assert.Equal(273 - expected, kept.Unlabelled);
        int noVoice = _tree.Patterns.Values.Count(p => p == Pattern.NoVoiceRow);
        Assert.Equal(rule == CremaDLabelRule.Intended ? 0 : noVoice, kept.WithoutVotes);
        Assert.Equal(dropped.Manifest.Items.Count(u => u.Label is not null), dropped.LabelCounts.Values.Sum());
    }

    private static bool LabelledUnder(CremaDLabelRule rule, Pattern p) => rule switch
    {
        CremaDLabelRule.Majority => p is Pattern.Clear or Pattern.OtherMajority,
        CremaDLabelRule.Plurality => p is Pattern.Clear or Pattern.PluralityOnly or Pattern.ExactlyHalf or Pattern.OtherMajority,
        CremaDLabelRule.Distribution => p != Pattern.NoVoiceRow,
        _ => true,
    };

    [Fact]
    public void DistributionCarriesVoteShares()
    {
        var m = CremaD.Load(_tree.Root, CremaDLabelRule.Distribution);
        var first = m.Items.Single(u => u.Id == "1001_DFA_ANG_XX"); // Clear: 8 ANG, 1 DIS, 1 FEA
        Assert.Equal("ANG", first.Label);
        Assert.Equal("0.8", first.Extra["share_ANG"]);
        Assert.Equal("0.1", first.Extra["share_DIS"]);
        Assert.Equal("0", first.Extra["share_SAD"]);
        Assert.Equal("8", first.Extra["votes_ANG"]);
        var tie = m.Items.First(u => _tree.Patterns[u.Id] == Pattern.Tie); // 4 e, 4 n1, 2 n2: kept, no hard label
        Assert.Null(tie.Label);
        var e = CremaDTree.Intended(tie.Id);
        Assert.Equal("0.4", tie.Extra["share_" + e]);
        Assert.Equal("0.4", tie.Extra["share_" + CremaDTree.Next(e, 1)]);
        Assert.Equal("0.2", tie.Extra["share_" + CremaDTree.Next(e, 2)]);
        Assert.DoesNotContain(m.Items, u => _tree.Patterns[u.Id] == Pattern.NoVoiceRow);
    }

    [Fact]
    public void RatingSessionChangesTheLabels()
    {
        // Face rows give all votes to n2, audio-visual rows 7 of 9 to n1: every clip has a majority.
        var face = CremaD.Read(_tree.Root, CremaDLabelRule.Majority, new CremaDOptions { Ratings = CremaDRatings.Face });
        Assert.Equal(273, face.Manifest.Items.Count);
        Assert.All(face.Manifest.Items, u => Assert.Equal(CremaDTree.Next(CremaDTree.Intended(u.Id), 2), u.Label));
        var av = CremaD.Load(_tree.Root, CremaDLabelRule.Majority, new CremaDOptions { Ratings = CremaDRatings.AudioVisual });
        Assert.All(av.Items, u => Assert.Equal(CremaDTree.Next(CremaDTree.Intended(u.Id), 1), u.Label));
    }

    [Fact]
    public void TheManifestRoundTripsAndNamesTheRoot()
    {
        var m = CremaD.Load(_tree.Root, CremaDLabelRule.Plurality, new CremaDOptions { KeepUnlabelled = true });
        var path = Path.Combine(_tree.Root, "crema-d.csv");
        try
        {
            m.Save(path);
            Assert.Equal(m.Items, Manifest.Load(path).Items);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var root = RepoPaths.NewTempFolder();
        var e = Assert.Throws<ManifestException>(() => CremaD.Load(root));
        Assert.Contains("no AudioWAV folder", e.Message);

        SineWav.Write(Path.Combine(root, "AudioWAV", "1001_DFA_ANG_XX.wav"), 0.1);
        e = Assert.Throws<ManifestException>(() => CremaD.Load(root, CremaDLabelRule.Majority));
        Assert.Contains("tabulatedVotes.csv", e.Message);
        Assert.Contains("needs the raters' votes", e.Message);
        Assert.Single(CremaD.Load(root, CremaDLabelRule.Intended).Items);

        File.WriteAllText(Path.Combine(root, "AudioWAV", "1001_DFA_JOY_XX.wav"), "");
        e = Assert.Throws<ManifestException>(() => CremaD.Load(root, CremaDLabelRule.Intended));
        Assert.Contains("1001_DFA_JOY_XX.wav", e.Message);
        Assert.Contains("emotion 'JOY'", e.Message);
        File.Delete(Path.Combine(root, "AudioWAV", "1001_DFA_JOY_XX.wav"));

        File.WriteAllText(Path.Combine(root, "AudioWAV", "1002_DFA_ANG_XX.wav"), "not a wav");
        var me = Assert.Throws<SerKit.Media.MediaException>(() => CremaD.Load(root, CremaDLabelRule.Intended));
        Assert.Contains("1002_DFA_ANG_XX.wav", me.Message);
        Assert.Equal(2, CremaD.Load(root, CremaDLabelRule.Intended, new CremaDOptions { ReadDurations = false }).Items.Count);
    }

    [Fact]
    public void BadVotesFilesAreNamed()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "tabulatedVotes.csv");
        File.WriteAllText(path, "\"\",\"A\",\"D\",\"F\",\"H\",\"N\",\"fileName\",\"numResponses\"\n\"100001\",1,2,3,4,0,\"1001_DFA_ANG_XX\",10\n");
        var e = Assert.Throws<ManifestException>(() => CremaD.ReadVotes(path));
        Assert.Contains("missing required column S", e.Message);

        File.WriteAllText(path, "\"\",\"A\",\"D\",\"F\",\"H\",\"N\",\"S\",\"fileName\",\"numResponses\"\n\"100001\",1,2,3,4,0,0,\"1001_DFA_ANG_XX\",11\n");
        e = Assert.Throws<ManifestException>(() => CremaD.ReadVotes(path));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("numResponses is 11 but the votes A..S add up to 10", e.Message);

        File.WriteAllText(path, "A,D,F,H,N,S,fileName\n1,2,3,4,0,0,1001_DFA_ANG_XX\n5,0,0,0,0,0,1001_DFA_ANG_XX\n");
        e = Assert.Throws<ManifestException>(() => CremaD.ReadVotes(path));
        Assert.Contains("no row-id column", e.Message);

        File.WriteAllText(path, "A,D,F,H,N,S,fileName\n1,2,3,4,0,0,1001_DFA_ANG_XX\n");
        Assert.Equal(new[] { 1, 2, 3, 4, 0, 0 }, CremaD.ReadVotes(path)["1001_DFA_ANG_XX"].Counts);

        File.WriteAllText(path, "A,D,F,H,N,S,fileName\n1,two,3,4,0,0,1001_DFA_ANG_XX\n");
        e = Assert.Throws<ManifestException>(() => CremaD.ReadVotes(path));
        Assert.Contains("D 'two' is not a count", e.Message);
    }
}
