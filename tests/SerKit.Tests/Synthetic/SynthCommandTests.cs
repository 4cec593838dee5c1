using SerKit.Corpus;
using SerKit.Face;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Synthetic;

public class SynthCommandTests
{
    [Fact]
    public void SynthWritesTheCorpusAndReportsProgressOnStandardError()
    {
        var dir = Path.Combine(RepoPaths.NewTempFolder(), "corpus");
        var (code, stdout, stderr) = CliRunner.Run("synth", "-o", dir, "--speakers", "2", "--utterances", "1",
            "--unlabelled-speakers", "1", "--unlabelled-utterances", "3", "--seed", "4");
        Assert.True(code == 0, stderr);
        Assert.Contains("[synth]", stderr);
        Assert.Contains("15/15 utterances", stderr);
        Assert.Contains("12 labelled utterances (2 speakers), 3 unlabelled (1 speakers)", stdout);
        var labelled = Manifest.Load(Path.Combine(dir, "labelled.csv"));
        Assert.Equal(12, labelled.Items.Count);
        Assert.Equal(3, Manifest.Load(Path.Combine(dir, "unlabelled.csv")).Items.Count);
        Assert.True(File.Exists(Path.Combine(dir, "corpus.json")));
        foreach (var u in labelled.Items)
        {
            Assert.True(File.Exists(labelled.FullPath(u)));
            Assert.NotEmpty(OpenFaceCsv.Read(Path.Combine(dir, "faces", u.Id + ".csv")).Frames);
        }
    }

    [Fact]
    public void BadSizesAreRefusedWithAMessage()
    {
        var dir = RepoPaths.NewTempFolder();
        var (code, _, stderr) = CliRunner.Run("synth", "-o", dir, "--speakers", "0");
        Assert.Equal(1, code);
        Assert.Contains("serkit synth: speakers must be at least 1", stderr);
    }
}
