using System.Text.Json.Nodes;
using SerKit.IO;
using Xunit;

namespace SerKit.Tests.IO;

public class YamlTreeTests
{
    [Fact]
    public void ScalarsFollowTheCoreSchemaAndQuotedTextStaysText()
    {
        var tree = YamlTree.Parse("""
            a: 12
            b: -0.5e-3
            c: true
            d: ~
            e: "12"
            f: '0.5'
            g: 1.2.3
            h: [1, two, 3.0]
            i: .inf
            j:
            """)!.AsObject();
        Assert.Equal(12L, tree["a"]!.GetValue<long>());
        Assert.Equal(-0.5e-3, tree["b"]!.GetValue<double>());
        Assert.True(tree["c"]!.GetValue<bool>());
        Assert.Null(tree["d"]);
        Assert.Equal("12", tree["e"]!.GetValue<string>());
        Assert.Equal("0.5", tree["f"]!.GetValue<string>());
        Assert.Equal("1.2.3", tree["g"]!.GetValue<string>());
        Assert.Equal("two", tree["h"]![1]!.GetValue<string>());
        Assert.Equal(double.PositiveInfinity, tree["i"]!.GetValue<double>());
        Assert.True(tree.ContainsKey("j") && tree["j"] is null);
    }

    [Fact]
    public void WrittenYamlReadsBackToTheSameTree()
    {
        var tree = JsonNode.Parse("""
            {"name": "a: b # c", "n": 3, "x": 0.1, "flag": false, "none": null, "empty": {}, "list": [],
             "nested": {"deep": {"k": "true", "v": [1, 2]}},
             "items": [{"name": "vox", "root": "/d/v", "sub": {"q": 1}}, {"name": "x"}],
             "text": "line\nbreak \"quoted\" é"}
            """);
        var yaml = YamlTree.Write(tree);
        Assert.True(JsonNode.DeepEquals(tree, YamlTree.Parse(yaml)), yaml);
    }

    [Fact]
    public void ErrorsGiveTheLine()
    {
        var e = Assert.Throws<FormatException>(() => YamlTree.Parse("a: 1\nb: [2\n"));
        Assert.Contains("line", e.Message);
        Assert.Contains("appears twice", Assert.Throws<FormatException>(() => YamlTree.Parse("a: 1\na: 2\n")).Message);
    }
}
