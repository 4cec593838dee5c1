using SerKit.Face;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Pretext;

public class AuEmotionTests
{
    private static readonly FaceEvidenceOptions Face = new();
    private static readonly AuRuleTable Rules = AuRuleTable.Default;

    private static int Rule(params int[] aus) => AuEmotion.FrameRule(TestFaces.Aus([aus]), TestFaces.Aus([aus]).Frames[0], Rules);

    private static string? Label(FaceTrack track, AuRuleTable? rules = null)
    {
        rules ??= Rules;
        var m = AuEmotion.Measure(track, rules, Face);
        return m.ClassIndex is { } c ? rules.Classes[c] : null;
    }

    [Fact]
    public void TheDefaultTableIsDesignSection3()
    {
        Assert.Equal(["neutral", "happiness", "sadness", "surprise", "fear", "anger", "disgust", "contempt"], Rules.Classes);
        Assert.Equal([6, 12], Rules.Rules[0].Aus);
        Assert.Equal([1, 4, 15], Rules.Rules[1].Aus);
        Assert.Equal([1, 2, 5, 26], Rules.Rules[2].Aus);
        Assert.Equal([1, 2, 4, 5, 7, 20, 26], Rules.Rules[3].Aus);
        Assert.Equal([4, 5, 7, 23], Rules.Rules[4].Aus);
        Assert.Equal([9, 15], Rules.Rules[5].Aus);
        Assert.Equal([12, 14], Rules.Rules[6].Aus);
        Assert.Equal(1.0, Rules.IntensityThreshold);
        Assert.Equal(0.1, Rules.MinShare);
        // The copy next to the binaries is the same table.
        var copy = AuRuleTable.Load(Path.Combine(AppContext.BaseDirectory, "au-rules.json"));
        Assert.Equal(Rules.ToJson().ToJsonString(), copy.ToJson().ToJsonString());
    }

    [Theory]
    [InlineData(new[] { 6, 12 }, "happiness")]
    [InlineData(new[] { 1, 4, 15 }, "sadness")]
    [InlineData(new[] { 1, 2, 5, 26 }, "surprise")]
    [InlineData(new[] { 1, 2, 4, 5, 7, 20, 26 }, "fear")]
    [InlineData(new[] { 4, 5, 7, 23 }, "anger")]
    [InlineData(new[] { 9, 15 }, "disgust")]
    [InlineData(new[] { 12, 14 }, "contempt")]
    [InlineData(new[] { 6, 12, 25, 45 }, "happiness")]   // extra AUs do not matter
    [InlineData(new[] { 1, 2, 4, 5, 7, 20, 23, 26 }, "fear")] // fear (7 AUs) beats surprise (4) and anger (4)
    [InlineData(new[] { 1, 4, 9, 15 }, "sadness")]         // sadness (3 AUs) beats disgust (2)
    public void EachRuleHoldsWhenAllItsAusArePresentAndTheLargestRuleWins(int[] aus, string expected)
    {
        Assert.Equal(expected, Rules.Rules[Rule(aus)].Class);
        // An utterance of such frames gets that label with share 1.
        var m = AuEmotion.Measure(TestFaces.Aus(Enumerable.Repeat(aus, 20).ToArray()), Rules, Face);
        Assert.Equal(expected, Rules.Classes[m.ClassIndex!.Value]);
        Assert.Equal(1.0, m.Share);
    }

    [Theory]
    [InlineData(new[] { 6 })]
    [InlineData(new[] { 1, 2, 5 })]
    [InlineData(new[] { 4, 5, 7 })]
    [InlineData(new int[0])]
    public void NoRuleHoldsWhenAnAuIsMissing(int[] aus) => Assert.Equal(-1, Rule(aus));

    [Fact]
    public void AnExactTieInAuCountGoesToTheRuleListedFirst()
    {
        // happiness (6+12) and contempt (12+14) both hold and have two AUs each: happiness is listed first.
        Assert.Equal("happiness", Rules.Rules[Rule(6, 12, 14)].Class);
        // Surprise (1,2,5,26) and anger (4,5,7,23) both hold with four AUs: surprise is listed first.
        Assert.Equal("surprise", Rules.Rules[Rule(1, 2, 4, 5, 7, 23, 26)].Class);
        // Swap the order in a custom table and the other wins.
        var swapped = new AuRuleTable("neutral", [new AuRule("contempt", [12, 14]), new AuRule("happiness", [6, 12])]);
        var track = TestFaces.Aus([[6, 12, 14]]);
        Assert.Equal("contempt", swapped.Rules[AuEmotion.FrameRule(track, track.Frames[0], swapped)].Class);
    }

    [Fact]
    public void TheLabelNeedsTenPercentOfTheValidFrames()
    {
        FaceTrack Track(int happy, int sad) => TestFaces.Aus(Enumerable.Range(0, 100)
            .Select(i => i < happy ? new[] { 6, 12 } : i < happy + sad ? new[] { 1, 4, 15 } : new[] { 25 }).ToArray());
        Assert.Equal("neutral", Label(Track(9, 0)));
        Assert.Equal(0.09, AuEmotion.Measure(Track(9, 0), Rules, Face).Share!.Value, 12);
        Assert.Equal("happiness", Label(Track(10, 0)));
        Assert.Equal("sadness", Label(Track(10, 11)));
        Assert.Equal("happiness", Label(Track(11, 11)));   // equal shares: the class listed first
        Assert.Equal("neutral", Label(Track(0, 0)));
        Assert.Equal(0.0, AuEmotion.Measure(Track(0, 0), Rules, Face).Share);
        Assert.Equal("sadness", Label(Track(0, 1), Rules.WithMinShare(0.01)));
        Assert.Equal("neutral", Label(Track(0, 0), Rules.WithMinShare(0))); // an emotion must be shown at least once
    }

    [Fact]
    public void SharesAreOfValidFramesOnlyAndFewerThanHalfValidIsMasked()
    {
        // 20 frames: the 8 invalid ones show happiness, 2 of the 12 valid ones show sadness.
        var track = TestFaces.Aus(Enumerable.Range(0, 20).Select(i => i < 8 ? new[] { 6, 12 } : i < 10 ? new[] { 1, 4, 15 } : new int[0]).ToArray(),
            valid: i => i >= 8);
        var m = AuEmotion.Measure(track, Rules, Face);
        Assert.Equal(12, m.ValidFrames);
        Assert.Equal("sadness", Rules.Classes[m.ClassIndex!.Value]);
        Assert.Equal(2 / 12.0, m.Share!.Value, 12);

        var mostlyLost = TestFaces.Aus(Enumerable.Repeat(new[] { 6, 12 }, 10).ToArray(), valid: i => i < 4);
        Assert.Null(Label(mostlyLost));
        Assert.Null(Label(TestFaces.Aus(Enumerable.Repeat(new[] { 6, 12 }, 10).ToArray(), valid: _ => false)));
        Assert.Null(Label(TestFaces.Aus([])));
        Assert.Equal("happiness", Label(TestFaces.Aus(Enumerable.Repeat(new[] { 6, 12 }, 10).ToArray(), valid: i => i < 5)));
    }

    [Fact]
    public void IntensitiesAreUsedWhenTheTrackHasNoPresenceColumns()
    {
        var track = TestFaces.Aus(Enumerable.Repeat(new[] { 1, 4, 15 }, 10).ToArray(), intensityOnly: true);
        Assert.Equal("sadness", Label(track));
        // AUxx_r >= 1.0 is present, 0.99 is not.
        FaceTrack WithAu15(float value) => new("r.csv", track.Frames.Select(f =>
        {
            var r = (float[])f.AuIntensity.Clone();
            r[track.IntensityIndex(15)] = value;
            return f with { AuIntensity = r };
        }).ToArray(), track.IntensityAus, track.PresenceAus);
        Assert.Equal("sadness", Label(WithAu15(1.0f)));
        Assert.Equal("neutral", Label(WithAu15(0.99f)));
        Assert.Equal("neutral", Label(WithAu15(float.NaN)));
        // The threshold comes from the rule file.
        var strict = AuRuleTable.Parse("""{"intensity_threshold": 2.0, "rules": [{"class": "sadness", "aus": [1, 4, 15]}]}""", "strict.json");
        Assert.Equal("neutral", Label(WithAu15(1.5f), strict));
        Assert.Equal("sadness", Label(WithAu15(2.0f), strict));
    }

    [Fact]
    public void PresenceColumnsWinOverIntensities()
    {
        var track = TestFaces.Aus(Enumerable.Repeat(new[] { 6, 12 }, 10).ToArray());
        var off = new FaceTrack("c.csv", track.Frames.Select(f =>
        {
            var c = (float[])f.AuPresence.Clone();
            c[track.PresenceIndex(12)] = 0; // intensity still says 2.5
            return f with { AuPresence = c };
        }).ToArray(), track.IntensityAus, track.PresenceAus);
        Assert.Equal("neutral", Label(off));
    }

    [Fact]
    public void ACustomRuleFileReplacesTheTable()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "rules.json");
        File.WriteAllText(path, """
        {
          // comments are allowed
          "neutral": "calm",
          "min_share": 0.5,
          "rules": [
            { "class": "smile", "aus": [12] },
            { "class": "frown", "aus": [4] }
          ]
        }
        """);
        var table = AuRuleTable.Load(path);
        Assert.Equal(["calm", "smile", "frown"], table.Classes);
        Assert.Equal(path, table.Source);
        var track = TestFaces.Aus(Enumerable.Range(0, 10).Select(i => i < 5 ? new[] { 12, 14 } : new[] { 4 }).ToArray());
        Assert.Equal("smile", Label(track, table));                  // 5 of 10 ≥ 0.5, earlier listed wins the tie
        Assert.Equal("calm", Label(track, table.WithMinShare(0.6)));
        Assert.Equal("happiness", Label(TestFaces.Aus(Enumerable.Repeat(new[] { 6, 12, 14 }, 10).ToArray())));
    }

    [Theory]
    [InlineData("{\"rules\": []}", "no rules")]
    [InlineData("{\"rules\": [{\"class\": \"a\", \"aus\": [1, 1]}]}", "lists an AU twice")]
    [InlineData("{\"rules\": [{\"class\": \"a\", \"aus\": [1]}, {\"class\": \"a\", \"aus\": [2]}]}", "appears twice")]
    [InlineData("{\"rules\": [{\"class\": \"neutral\", \"aus\": [1]}]}", "appears twice (or is the neutral class)")]
    [InlineData("{\"rules\": [{\"class\": \"a\", \"aus\": [1.5]}]}", "rules[0].aus: AU numbers are whole numbers")]
    [InlineData("{\"rules\": [{\"class\": \"a\"}]}", "rules[0]: missing 'aus'")]
    [InlineData("{\"min_share\": 2, \"rules\": [{\"class\": \"a\", \"aus\": [1]}]}", "min_share must be in 0..1")]
    [InlineData("{\"rules\": [", "malformed JSON")]
    [InlineData("[1]", "expected a JSON object")]
    public void BadRuleFilesAreRefusedNamingTheFileAndProblem(string json, string problem)
    {
        var e = Assert.Throws<PretextFileException>(() => AuRuleTable.Parse(json, "/x/rules.json"));
        Assert.StartsWith("/x/rules.json: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ATrackWithoutTheRulesAusIsAnErrorNamingTheColumns()
    {
        var frames = TestFaces.Aus([[6, 12]]).Frames;
        var noAu9 = new FaceTrack("/f/no9.csv", frames.Select(f => f with { AuPresence = [], AuIntensity = [1f] }).ToArray(), [6], []);
        var e = Assert.Throws<FaceTrackException>(() => AuEmotion.Measure(noAu9, Rules, Face));
        Assert.StartsWith("/f/no9.csv: the T3 rule table (embedded au-rules.json) uses AUs 1, 2, 4", e.Message);
        Assert.Contains("AU09_c, AU09_r", e.Message);
        Assert.DoesNotContain("AU06", e.Message);
    }
}
