using SerKit.Attributes;
using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Attributes;

public class AttributeTableTests
{
    private static Manifest Write(string dir, string text)
    {
        var path = Path.Combine(dir, "m.csv");
        File.WriteAllText(path, text);
        return Manifest.Load(path);
    }

    [Fact]
    public void ReadsValuesOfAnyScaleAndLeavesIncompleteRowsOut()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = Write(dir, "id,path,speaker,label,Arousal,valence,dominance,gender\n" +
            "a,a.wav,s1,,5.5,2,4.25,F\n" +
            "b,b.wav,s1,,1e1,-3,0,M\n" +
            "c,c.wav,s2,,,3,4,F\n" +
            "d,d.wav,s2,,1,1,1,F\n");
        var t = AttributeTable.Read(m, ["arousal", "valence", "dominance"]);
        Assert.Equal(["Arousal", "valence", "dominance"], t.Columns); // matched ignoring case
        Assert.Equal(["a", "b", "d"], t.Rated);
        Assert.Equal(["c"], t.Unrated);
        Assert.Equal(new[] { 5.5, 2, 4.25 }, t["a"]);
        Assert.Equal(new[] { 10.0, -3, 0 }, t["b"]);
        Assert.False(t.Contains("c"));
        // A subset in another order.
        Assert.Equal(new[] { 2.0, 5.5 }, AttributeTable.Read(m, ["valence", "arousal"])["a"]);
    }

    [Fact]
    public void BadValuesAndMissingColumnsNameTheFileAndTheUtterance()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = Write(dir, "id,path,arousal,valence\nu1,a.wav,4,5\nu2,b.wav,high,3\n");
        var e = Assert.Throws<ManifestException>(() => AttributeTable.Read(m, ["arousal", "valence"]));
        Assert.Contains(Path.Combine(dir, "m.csv"), e.Message);
        Assert.Contains("utterance u2", e.Message);
        Assert.Contains("arousal 'high' is not a finite number", e.Message);

        var n = Write(dir, "id,path,arousal,valence\nu1,a.wav,4,NaN\n");
        Assert.Contains("valence 'NaN'", Assert.Throws<ManifestException>(() => AttributeTable.Read(n, ["arousal", "valence"])).Message);

        var missing = Write(dir, "id,path,arousal\nu1,a.wav,4\n");
        var e2 = Assert.Throws<ManifestException>(() => AttributeTable.Read(missing, ["arousal", "dominance"]));
        Assert.Contains("no utterance has a value in column 'dominance'", e2.Message);
        Assert.Contains("arousal", e2.Message);

        var twice = Write(dir, "id,path,Arousal,AROUSAL\nu1,a.wav,4,5\n");
        Assert.Contains("several columns", Assert.Throws<ManifestException>(() => AttributeTable.Read(twice, ["arousal"])).Message);
        Assert.Throws<ArgumentException>(() => AttributeTable.Read(twice, ["Arousal", "arousal"]));
        Assert.Throws<ArgumentException>(() => EmotionalAttributes.Parse(" , "));
    }
}
