using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class VoteTableTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), "votes.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadsOneAnswerPerRowWithMultiChoiceLabels()
    {
        var path = Write("id,rater,label,comment\nu1,r1,ANG,x\nu1,r2,\"ANG;DIS\",\nu2,r1, SAD ,\nu1,r3,NEU,\n");
        var table = VoteTableFile.Read(path);
        Assert.Equal(path, table.Source);
        Assert.Equal(["u1", "u2"], table.Utterances.Select(u => u.Id));
        Assert.Equal(3, table.Raters);
        Assert.Equal(4, table.Answers);
        Assert.Equal(["ANG", "DIS", "NEU", "SAD"], table.Labels);
        var u1 = table.Find("u1")!;
        Assert.Equal(new RaterVote("r2", ["ANG", "DIS"]), u1.Votes[1]);
        // Counts per class: a multi-choice answer counts once for each of its labels; other labels are not counted.
        Assert.Equal([2, 1, 1, 0], u1.Counts(["ANG", "DIS", "NEU", "SAD"]));
        Assert.Equal([2, 0], u1.Counts(["ANG", "HAP"]));
        Assert.Null(table.Find("u3"));
        Assert.Equal(VoteTableFormat.Table, VoteTableFile.Detect(path));
    }

    [Theory]
    [InlineData("id,rater,label\nu1,r1,ANG\nu1,r1,SAD\n", "line 3", "rater 'r1' already answered utterance 'u1' at line 2")]
    [InlineData("id,rater,label\nu1,r1,\n", "line 2", "empty label")]
    [InlineData("id,rater,label\nu1,r1,ANG;\n", "line 2", "empty label in 'ANG;'")]
    [InlineData("id,rater,label\nu1,r1,ANG;ANG\n", "line 2", "label 'ANG' given twice")]
    [InlineData("id,rater,label\n,r1,ANG\n", "line 2", "empty id")]
    [InlineData("id,rater,label\nu1,,ANG\n", "line 2", "empty rater")]
    [InlineData("id,rater,label\nu1,r1\n", "line 2", "2 fields where the header has 3")]
    public void ABadRowIsAnErrorNamingFileAndLine(string text, string line, string problem)
    {
        var path = Write(text);
        var e = Assert.Throws<ManifestException>(() => VoteTableFile.ReadTable(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.Location);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void AFileWithoutTheColumnsIsRefusedWithItsHeader()
    {
        var path = Write("utt,who,emotion\nu1,r1,ANG\n");
        var e = Assert.Throws<ManifestException>(() => VoteTableFile.Read(path));
        Assert.Contains("header has: utt, who, emotion", e.Message);
        Assert.Throws<ManifestException>(() => VoteTableFile.Read(path + ".missing"));
    }
}
