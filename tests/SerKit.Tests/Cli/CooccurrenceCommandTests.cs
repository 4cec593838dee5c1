using System.Text.Json;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Cli;

public class CooccurrenceCommandTests
{
    [Fact]
    public void WritesTheMatrixFromCremaDResponses()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "finishedResponses.csv");
        // Two voice-rated clips: ANG, ANG, DIS and SAD, NEU; one face rating that must not count.
        File.WriteAllText(path, "\"\",\"localid\",\"queryType\",\"clipName\",\"respEmo\"\n\"1\",\"a\",1,\"1001_DFA_ANG_XX\",\"A\"\n\"2\",\"b\",1,\"1001_DFA_ANG_XX\",\"A\"\n"
            + "\"3\",\"c\",1,\"1001_DFA_ANG_XX\",\"D\"\n\"4\",\"a\",1,\"1002_DFA_SAD_XX\",\"S\"\n\"5\",\"c\",1,\"1002_DFA_SAD_XX\",\"N\"\n\"6\",\"c\",2,\"1002_DFA_SAD_XX\",\"H\"\n");
        var (code, stdout, stderr) = CliRunner.InProcess("cooccurrence", path, "-o", Path.Combine(dir, "out"), "--format", "crema-d", "--normalization", "cosine");
        Assert.True(code == 0, stderr);
        Assert.Contains("CREMA-D voice ratings: 5 of 6 responses; kept 5", stdout);
        Assert.Contains("2 utterances, 5 votes by 3 raters", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "cooccurrence.json")));
        var root = doc.RootElement;
        Assert.Equal(["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"], root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0.0, root.GetProperty("penalty")[0][1].GetDouble()); // ANG and DIS: 1 / √(1·1)
        Assert.Equal(1.0, root.GetProperty("penalty")[0][5].GetDouble()); // ANG and SAD never co-occur
        Assert.Equal("cosine", root.GetProperty("construction").GetProperty("normalization").GetString());
        Assert.True(File.Exists(Path.Combine(dir, "out", "cooccurrence.png")));
    }

    [Fact]
    public void ABadRowIsReportedWithFileAndLine()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "votes.csv");
        File.WriteAllText(path, "id,rater,label\nu1,r1,ANG\nu1,r1,SAD\n");
        var (code, _, stderr) = CliRunner.InProcess("cooccurrence", path, "-o", Path.Combine(dir, "out"));
        Assert.Equal(1, code);
        Assert.Contains($"serkit cooccurrence: {path}: line 3: rater 'r1' already answered utterance 'u1' at line 2", stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
