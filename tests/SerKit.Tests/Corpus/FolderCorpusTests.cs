using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class FolderCorpusTests
{
    private static string MakeFolder()
    {
        var dir = RepoPaths.NewTempFolder();
        SineWav.Write(Path.Combine(dir, "spk2", "b.wav"), 0.25);
        SineWav.Write(Path.Combine(dir, "spk1", "session 1", "a.wav"), 0.5, sampleRate: 8000, channels: 2);
        File.WriteAllBytes(Path.Combine(dir, "spk1", "clip.MP4"), new byte[] { 0, 0, 0, 0 });
        File.WriteAllBytes(Path.Combine(dir, "spk2", "b.flac"), new byte[] { 0x66, 0x4c, 0x61, 0x43 });
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not media");
        Directory.CreateDirectory(Path.Combine(dir, ".hidden"));
        SineWav.Write(Path.Combine(dir, ".hidden", "skip.wav"), 0.1);
        File.WriteAllBytes(Path.Combine(dir, "top.webm"), new byte[] { 0x1a, 0x45, 0xdf, 0xa3 });
        return dir;
    }

    [Fact]
    public void ScansRecursivelyInSortedOrderWithIdsFromPaths()
    {
        var dir = MakeFolder();
        var m = FolderCorpus.Scan(dir);
        Assert.Equal(dir, m.Root);
        Assert.Equal(new[] { "spk1/clip.MP4", "spk1/session 1/a.wav", "spk2/b.flac", "spk2/b.wav", "top.webm" }, m.Items.Select(u => u.Path));
        // b.flac and b.wav share a stem, so they keep their extensions in the id.
        Assert.Equal(new[] { "spk1/clip", "spk1/session 1/a", "spk2/b.flac", "spk2/b.wav", "top" }, m.Items.Select(u => u.Id));
        Assert.All(m.Items, u => Assert.Null(u.Label));
        Assert.All(m.Items, u => Assert.Equal(u.Id, u.Speaker)); // no speaker folder asked for: every file is its own speaker
        Assert.Equal(0.5, m.Items[1].Duration);
        Assert.Equal(0.25, m.Items[3].Duration);
        Assert.Null(m.Items[0].Duration);
        Assert.Equal(m.Items, FolderCorpus.Scan(dir).Items);

        // A link back to the top folder does not make the scan loop.
        Directory.CreateSymbolicLink(Path.Combine(dir, "spk2", "loop"), dir);
        Assert.Equal(m.Items, FolderCorpus.Scan(dir).Items);

        var bySpeaker = FolderCorpus.Scan(dir, null, new FolderCorpusOptions { SpeakerFromFolder = true });
        Assert.Equal(new[] { "spk1", "spk1", "spk2", "spk2", null }, bySpeaker.Items.Select(u => u.Speaker));
    }

    [Fact]
    public void LabelCsvWithHeaderMatchesIdsAndPaths()
    {
        var dir = MakeFolder();
        var labels = Path.Combine(RepoPaths.NewTempFolder(), "labels.csv");
        File.WriteAllText(labels, "path_or_id,label,speaker\nspk1/clip,HAP,alice\nspk2/b.wav,SAD,bob\n./spk1/session 1/a.wav,ANG,\n" + Path.Combine(dir, "top.webm") + ",NEU,carol\n");
        var m = FolderCorpus.Scan(dir, labels, new FolderCorpusOptions { SpeakerFromFolder = true });
        var byId = m.Items.ToDictionary(u => u.Id);
        Assert.Equal(("HAP", "alice"), (byId["spk1/clip"].Label, byId["spk1/clip"].Speaker));
        Assert.Equal(("SAD", "bob"), (byId["spk2/b.wav"].Label, byId["spk2/b.wav"].Speaker));
        Assert.Equal(("ANG", "spk1"), (byId["spk1/session 1/a"].Label, byId["spk1/session 1/a"].Speaker));
        Assert.Equal(("NEU", "carol"), (byId["top"].Label, byId["top"].Speaker));
        Assert.Null(byId["spk2/b.flac"].Label);
    }

    [Fact]
    public void LabelCsvWithoutHeaderIsReadByPosition()
    {
        var dir = MakeFolder();
        var labels = Path.Combine(dir, "labels.csv");
        File.WriteAllText(labels, "top,NEU\nspk2/b.flac,ANG,bob\n");
        var m = FolderCorpus.Scan(dir, labels);
        Assert.Equal("NEU", m.Items.Single(u => u.Id == "top").Label);
        Assert.Equal("top", m.Items.Single(u => u.Id == "top").Speaker); // the CSV gives none: its own speaker
        Assert.Equal("bob", m.Items.Single(u => u.Id == "spk2/b.flac").Speaker);
    }

    [Fact]
    public void LabelCsvProblemsAreNamed()
    {
        var dir = MakeFolder();
        var labels = Path.Combine(dir, "labels.csv");
        File.WriteAllText(labels, "id,label\ntop,NEU\nnothere,ANG\n");
        var e = Assert.Throws<ManifestException>(() => FolderCorpus.Scan(dir, labels));
        Assert.Equal("line 3", e.Location);
        Assert.Contains("'nothere'", e.Message);

        File.WriteAllText(labels, "id,label\ntop,NEU\ntop.webm,ANG\n");
        e = Assert.Throws<ManifestException>(() => FolderCorpus.Scan(dir, labels));
        Assert.Contains("labelled twice (first at line 2)", e.Message);

        File.WriteAllText(labels, "id,emotion\ntop,NEU\n");
        e = Assert.Throws<ManifestException>(() => FolderCorpus.Scan(dir, labels));
        Assert.Contains("missing required column label", e.Message);

        Assert.Throws<ManifestException>(() => FolderCorpus.Scan(Path.Combine(dir, "nope")));
    }
}
