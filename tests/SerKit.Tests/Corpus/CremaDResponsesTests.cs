using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

/// <summary>
/// CREMA-D's finishedResponses.csv in the layout its README documents (unnamed row-name column, localid, pos, ans, ttr,
/// queryType, numTries, clipNum, questNum, subType, clipName, sessionNums, respEmo, respLevel, dispEmo, dispVal, dispLevel).
/// </summary>
public class CremaDResponsesTests
{
    private const string Header = "\"\",\"localid\",\"pos\",\"ans\",\"ttr\",\"queryType\",\"numTries\",\"clipNum\",\"questNum\",\"subType\",\"clipName\",\"sessionNums\",\"respEmo\",\"respLevel\",\"dispEmo\",\"dispVal\",\"dispLevel\"";

    private static string Row(int row, string rater, int query, string clip, int session, int question, string emotion) =>
        $"\"{row}\",\"{rater}\",5,\"{emotion}_50\",\"2150\",{query},0,17,{question},4,\"{clip}\",{session},\"{emotion}\",\"50\",\"A\",50,\"MD\"";

    private static (string Responses, string EmoResponses) Write()
    {
        var dir = RepoPaths.NewTempFolder();
        var rows = new[]
        {
            Row(1, "p1", 1, "1001_DFA_ANG_XX", 11, 1, "A"),
            Row(2, "p2", 1, "1001_DFA_ANG_XX", 12, 1, "D"),
            Row(3, "p3", 1, "1001_DFA_ANG_XX", 13, 4, "A"),
            Row(4, "p1", 1, "1001_DFA_ANG_XX", 11, 9, "S"),       // p1 again on the same clip: the first answer is kept
            Row(5, "p1", 2, "1001_DFA_ANG_XX", 11, 2, "H"),       // face rating: another session
            Row(6, "p2", 3, "1002_IEO_SAD_LO", 12, 3, "N"),       // audio-visual rating
            Row(7, "p2", 1, "1002_IEO_SAD_LO", 12, 2, "S"),
            Row(8, "p3", 1, "ANG_HI_practice", 13, 1, "A"),       // practice clip
            Row(9, "p3", 1, "1002_IEO_SAD_LO", 13, 5, "F"),
        };
        var responses = Path.Combine(dir, "finishedResponses.csv");
        File.WriteAllText(responses, Header + "\n" + string.Join("\n", rows) + "\n");
        var emo = Path.Combine(dir, "finishedEmoResponses.csv");
        File.WriteAllText(emo, "\"\",\"localid\",\"sessionNums\",\"queryType\",\"questNum\",\"pos\",\"ttr\",\"numTries\",\"clipNum\",\"clipName\"\n"
            + "\"1\",\"p3\",13,1,5,4,12500,0,9,\"1002_IEO_SAD_LO\"\n"   // 12.5 s to the first click: distracted
            + "\"2\",\"p2\",12,1,1,4,900,0,1,\"1001_DFA_ANG_XX\"\n"
            + "\"3\",\"p2\",12,3,3,4,15000,0,9,\"1002_IEO_SAD_LO\"\n"   // distracted, but an audio-visual question
            + "\"4\",\"p3\",13,1,4,4,\"NA\",0,1,\"1001_DFA_ANG_XX\"\n"); // no timing: not distracted (R's NA)
        return (responses, emo);
    }

    [Fact]
    public void KeepsOneVotePerRaterAndClipOfTheChosenSession()
    {
        var (path, _) = Write();
        Assert.Equal(VoteTableFormat.CremaD, VoteTableFile.Detect(path));
        var voice = CremaDResponses.Read(path);
        Assert.Equal(9, voice.Rows);
        Assert.Equal(7, voice.SessionRows);
        Assert.Equal(1, voice.PracticeRows);
        Assert.Equal(1, voice.Duplicates);
        Assert.Equal(0, voice.Distracted);
        Assert.Equal(5, voice.Kept);
        var clip = voice.Votes.Find("1001_DFA_ANG_XX")!;
        Assert.Equal(["p1", "p2", "p3"], clip.Votes.Select(v => v.Rater));
        Assert.Equal([2, 1, 0, 0, 0, 0], clip.Counts(CremaD.EmotionCodes));
        Assert.Equal([0, 0, 1, 0, 0, 1], voice.Votes.Find("1002_IEO_SAD_LO")!.Counts(CremaD.EmotionCodes));
        Assert.Null(voice.Votes.Find("ANG_HI_practice"));

        var face = VoteTableFile.Read(path, ratings: CremaDRatings.Face);
        Assert.Equal([0, 0, 0, 1, 0, 0], face.Find("1001_DFA_ANG_XX")!.Counts(CremaD.EmotionCodes));
        var av = CremaDResponses.Read(path, CremaDRatings.AudioVisual);
        Assert.Equal(["1002_IEO_SAD_LO"], av.Votes.Utterances.Select(u => u.Id));
    }

    [Fact]
    public void TheDistractedFilterDropsResponsesWithASlowFirstClick()
    {
        var (path, emo) = Write();
        var voice = CremaDResponses.Read(path, CremaDRatings.Voice, emo);
        Assert.Equal(1, voice.Distracted);
        Assert.Equal([0, 0, 0, 0, 0, 1], voice.Votes.Find("1002_IEO_SAD_LO")!.Counts(CremaD.EmotionCodes));
        var av = CremaDResponses.Read(path, CremaDRatings.AudioVisual, emo);
        Assert.Equal(1, av.Distracted);
        Assert.Empty(av.Votes.Utterances);
    }

    [Theory]
    [InlineData("X", "respEmo 'X' is not one of A, D, F, H, N, S")]
    [InlineData("", "respEmo '' is not one of")]
    public void AnUnknownEmotionIsAnErrorNamingTheLine(string emotion, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), "finishedResponses.csv");
        File.WriteAllText(path, Header + "\n" + Row(1, "p1", 1, "1001_DFA_ANG_XX", 1, 1, "A") + "\n" + Row(2, "p2", 1, "1001_DFA_ANG_XX", 2, 1, emotion) + "\n");
        var e = Assert.Throws<ManifestException>(() => CremaDResponses.Read(path));
        Assert.Equal("line 3", e.Location);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void ABadQueryTypeOrMissingColumnIsAnError()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "finishedResponses.csv");
        File.WriteAllText(path, Header + "\n" + Row(1, "p1", 4, "1001_DFA_ANG_XX", 1, 1, "A") + "\n");
        var e = Assert.Throws<ManifestException>(() => CremaDResponses.Read(path));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("queryType '4'", e.Problem);

        File.WriteAllText(path, "localid,queryType,clipName\np1,1,1001_DFA_ANG_XX\n");
        Assert.Contains("missing required column respEmo", Assert.Throws<ManifestException>(() => CremaDResponses.Read(path)).Message);
    }
}
