using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class ManifestValidationTests
{
    [Theory]
    [InlineData("../x.wav")]
    [InlineData("a/../../x.wav")]
    [InlineData("./../secret/x.wav")]
    [InlineData("a\\..\\..\\x.wav")]
    public void PathsThatEscapeTheRootAreRefused(string bad)
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "m.csv");
        File.WriteAllText(path, $"id,path,speaker,label\nok,a/x.wav,s,ANG\nevil,{bad},s,ANG\n");
        var e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Equal(path, e.Manifest);
        Assert.Equal("line 3", e.Location);
        Assert.Contains(bad, e.Message);
        Assert.Contains("escapes the manifest root", e.Message);
        Assert.StartsWith(path + ": line 3: ", e.Message);
    }

    [Fact]
    public void EscapesAreRefusedInEveryFormat()
    {
        var dir = RepoPaths.NewTempFolder();
        var files = new Dictionary<string, string>
        {
            ["a.jsonl"] = "{\"key\":\"k1\",\"wav\":\"x.wav\"}\n{\"key\":\"k2\",\"wav\":\"../x.wav\"}\n",
            ["b.csv"] = "ID,duration,wav\nk1,1.0,$data_root/x.wav\nk2,1.0,$data_root/../x.wav\n",
            ["c.json"] = "{\"k1\": {\"wav\": \"{data_root}/x.wav\"}, \"k2\": {\"wav\": \"{data_root}/sub/../../x.wav\"}}",
        };
        var where = new Dictionary<string, string> { ["a.jsonl"] = "line 2", ["b.csv"] = "line 3", ["c.json"] = "id k2" };
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text);
            var e = Assert.Throws<ManifestException>(() => Manifest.Load(Path.Combine(dir, name)));
            Assert.Equal(where[name], e.Location);
            Assert.Contains("escapes the manifest root", e.Problem);
        }
    }

    [Fact]
    public void AbsolutePathsMustLieInsideTheRoot()
    {
        var dir = RepoPaths.NewTempFolder();
        var inside = Path.Combine(dir, "audio", "x.wav");
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere", "y.wav");
        var path = Path.Combine(dir, "m.csv");
        File.WriteAllText(path, $"id,path\na,{inside}\n");
        Assert.Equal("audio/x.wav", Manifest.Load(path).Items[0].Path);

        File.WriteAllText(path, $"id,path\na,{inside}\nb,{outside}\n");
        var e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Equal("line 3", e.Location);
        Assert.Contains(outside, e.Message);
        Assert.Contains("outside the manifest root", e.Message);

        // With the root overridden the same absolute path is fine.
        File.WriteAllText(path, $"id,path\nb,{outside}\n");
        var m = Manifest.Load(path, root: Path.GetTempPath());
        Assert.Equal("elsewhere/y.wav", m.Items[0].Path);
        Assert.Equal(outside, m.FullPath(m.Items[0]));
    }

    [Fact]
    public void InMemoryManifestsAreCheckedToo()
    {
        var dir = RepoPaths.NewTempFolder();
        var e = Assert.Throws<ManifestException>(() => new Manifest(dir, new[] { new Utterance("a", "../a.wav", null, null) }));
        Assert.Contains("item 1 (id a)", e.Message);
        var m = new Manifest(dir, new[] { new Utterance("a", "x/./y/../a.wav", null, null) });
        Assert.Equal("x/a.wav", m.Items[0].Path);
        Assert.Throws<ManifestException>(() => new Manifest(dir, new[] { new Utterance("a", ".", null, null) }));
        Assert.Throws<ManifestException>(() => new Manifest(dir, new[] { new Utterance("", "a.wav", null, null) }));
    }

    [Fact]
    public void DuplicateIdsAreRefused()
    {
        var dir = RepoPaths.NewTempFolder();
        var csv = Path.Combine(dir, "m.csv");
        File.WriteAllText(csv, "id,path\nu1,a.wav\nu2,b.wav\nu1,c.wav\n");
        var e = Assert.Throws<ManifestException>(() => Manifest.Load(csv));
        Assert.Equal("line 4", e.Location);
        Assert.Contains("duplicate id 'u1' (first at line 2)", e.Message);

        var json = Path.Combine(dir, "m.json");
        File.WriteAllText(json, "{\"u1\": {\"wav\": \"a.wav\"}, \"u1\": {\"wav\": \"b.wav\"}}");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(json));
        Assert.Contains("duplicate id 'u1'", e.Message);

        var jsonl = Path.Combine(dir, "m.jsonl");
        File.WriteAllText(jsonl, "{\"key\":\"u1\",\"wav\":\"a.wav\"}\n{\"key\":\"u1\",\"wav\":\"b.wav\"}\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(jsonl));
        Assert.Equal("line 2", e.Location);

        Assert.Throws<ManifestException>(() => new Manifest(dir, new[] { new Utterance("x", "a.wav", null, null), new Utterance("x", "b.wav", null, null) }));
    }

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "m.csv");
        File.WriteAllText(path, "speaker,label\ns,ANG\n");
        var e = Assert.Throws<ManifestException>(() => Manifest.Load(path, ManifestFormat.SerKitCsv));
        Assert.Contains("missing required columns id, path", e.Message);
        Assert.Contains("header has: speaker, label", e.Message);

        File.WriteAllText(path, "id,label\nu,ANG\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Contains("missing required column path ", e.Message);

        File.WriteAllText(path, "ID,duration,spk_id\nu,1.0,s\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Contains("missing required column wav", e.Message);

        var jsonl = Path.Combine(dir, "m.jsonl");
        File.WriteAllText(jsonl, "{\"key\":\"u\",\"emo\":\"ANG\"}\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(jsonl));
        Assert.Equal("line 1", e.Location);
        Assert.Contains("missing required field 'wav'", e.Message);
    }

    [Fact]
    public void MalformedFieldsAreReportedWithTheirLine()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "m.csv");
        File.WriteAllText(path, "id,path,duration\nu,a.wav,1.5\nv,b.wav,long\n");
        var e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Equal("line 3", e.Location);
        Assert.Contains("'long'", e.Message);

        File.WriteAllText(path, "id,path\nu,a.wav,extra\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("3 fields where the header has 2", e.Message);

        // Line numbers count physical lines, also after a quoted field that spans two.
        File.WriteAllText(path, "id,path,note\nu,a.wav,\"two\nlines\"\nv,../b.wav,x\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Equal("line 4", e.Location);

        var jsonl = Path.Combine(dir, "m.jsonl");
        File.WriteAllText(jsonl, "{\"key\":\"u\",\"wav\":\"a.wav\"}\n{\"key\":\"v\",\"wav\":\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(jsonl));
        Assert.Equal("line 2", e.Location);
        Assert.Contains("malformed JSON", e.Message);

        var sb = Path.Combine(dir, "sb.csv");
        File.WriteAllText(sb, "ID,wav\nu,$data_root/$lang/a.wav\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(sb));
        Assert.Contains("placeholder '$lang'", e.Message);

        Assert.Throws<ManifestException>(() => Manifest.Load(Path.Combine(dir, "nothing.csv")));
    }

    [Fact]
    public void RootDefaultsToTheManifestFolderAndCanBeOverridden()
    {
        var dir = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(Path.Combine(dir, "lists"));
        var path = Path.Combine(dir, "lists", "m.csv");
        File.WriteAllText(path, "id,path\nu,audio/a.wav\n");
        Assert.Equal(Path.Combine(dir, "lists"), Manifest.Load(path).Root);
        var m = Manifest.Load(path, root: dir);
        Assert.Equal(dir, m.Root);
        Assert.Equal(Path.Combine(dir, "audio", "a.wav"), m.FullPath(m.Items[0]));
    }
}
