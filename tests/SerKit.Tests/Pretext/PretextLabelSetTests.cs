using System.Text.Json.Nodes;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Pretext;

public class PretextLabelSetTests
{
    private static readonly string[] Classes = ["neutral", "happiness", "sadness"];

    [Fact]
    public void WriteThenReadGivesTheSameLabelsStatisticsAndClassOrder()
    {
        var dir = RepoPaths.NewTempFolder();
        var set = new PretextLabelSet(Classes,
        [
            new PretextLabels("a", 1, 0, 2, -23.5, 0.75, 0.0123, 0.9, 0.4),
            new PretextLabels("b,with comma", 0, null, 0, -40.125, -1.1, null, 0.2, 0.0),
            new PretextLabels("c", null, 1, null, null, null, 0.5, 1.0, null),
        ], new JsonObject { ["options"] = new JsonObject { ["t1_mode"] = "mean" } });
        set.Write(dir);

        var lines = File.ReadAllLines(Path.Combine(dir, "pretext.csv"));
        Assert.Equal("id,t1,t2,t3,energy_db_mean,energy_z,activation,valid_frame_share,t3_share", lines[0]);
        Assert.Equal("a,high,low,sadness,-23.5,0.75,0.0123,0.9,0.4", lines[1]);
        Assert.Equal("c,,high,,,,0.5,1,", lines[3]);

        var back = PretextLabelSet.Read(Path.Combine(dir, "pretext.csv"));
        Assert.Equal(Classes, back.T3Classes);
        Assert.Equal(set.Items, back.Items);
        Assert.Equal(0, back.Labels["b,with comma"].T1);
        Assert.Equal("mean", back.Details["options"]!["t1_mode"]!.GetValue<string>());
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "pretext.json")))!;
        Assert.Equal("sadness", json["t3_classes"]![2]!.GetValue<string>());
    }

    [Fact]
    public void ReadingNamesTheFileLineAndProblem()
    {
        var dir = RepoPaths.NewTempFolder();
        new PretextLabelSet(Classes, [new PretextLabels("a", 1, 0, 1)]).Write(dir);
        var csv = Path.Combine(dir, "pretext.csv");
        File.AppendAllText(csv, "b,loud,,,,,,,\n");
        var e = Assert.Throws<PretextFileException>(() => PretextLabelSet.Read(dir));
        Assert.StartsWith(csv + ": line 3: t1 must be", e.Message);

        File.WriteAllText(csv, "id,t1,t2,t3,energy_db_mean,energy_z,activation,valid_frame_share,t3_share\nx,,,anger,,,,,\n");
        e = Assert.Throws<PretextFileException>(() => PretextLabelSet.Read(dir));
        Assert.Contains("t3 'anger' is not one of the classes", e.Message);

        File.WriteAllText(csv, "id,t1,t3\nx,,\n");
        e = Assert.Throws<PretextFileException>(() => PretextLabelSet.Read(dir));
        Assert.Contains("missing columns t2, energy_db_mean", e.Message);

        File.Delete(Path.Combine(dir, "pretext.json"));
        e = Assert.Throws<PretextFileException>(() => PretextLabelSet.Read(dir));
        Assert.Contains("pretext.json", e.FilePath);
    }

    [Fact]
    public void InvalidLabelsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PretextLabelSet(Classes, [new PretextLabels("a", 2, null, null)]));
        Assert.Throws<ArgumentException>(() => new PretextLabelSet(Classes, [new PretextLabels("a", null, null, 3)]));
        Assert.Throws<ArgumentException>(() => new PretextLabelSet(Classes, [new PretextLabels("a", 1, 1, 1), new PretextLabels("a", 0, 0, 0)]));
    }
}
