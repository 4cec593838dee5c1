using System.CommandLine;
using SerKit.Cli.Commands;
using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class CorpusCommandTests : IClassFixture<CremaDTests.Tree>
{
    private readonly CremaDTree _tree;

    public CorpusCommandTests(CremaDTests.Tree tree) => _tree = tree.Value;

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.InProcess(args);

    [Fact]
    public void ManifestThenFoldsFromCremaD()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = Path.Combine(dir, "crema-d.csv");
        var (code, output, error) = Run("manifest", "--crema-d", _tree.Root, "--labels", "plurality", "-o", manifest);
        Assert.True(code == 0, error);
        Assert.Contains("audio files 273, actors 91, with VideoFlash video 30", output);
        Assert.Contains("unlabelled under this rule: 91 (left out", output); // Tie and NoVoiceRow patterns
        Assert.Contains($"load it with --root {Path.GetFullPath(_tree.Root)}", output);
        var m = Manifest.Load(manifest, root: _tree.Root);
        Assert.Equal(CremaD.Load(_tree.Root, CremaDLabelRule.Plurality).Items, m.Items);

        var folds = Path.Combine(dir, "folds");
        (code, output, error) = Run("folds", "--manifest", manifest, "--root", _tree.Root, "-o", folds);
        Assert.True(code == 0, error);
        Assert.Contains("91 speakers, 5 folds of 63/14/14 speakers (seed 0)", output);
        var test = SpeakerFolds.LoadSplit(Path.Combine(folds, "folds.json"), 3, FoldSplit.Test);
        Assert.Equal(SpeakerFolds.Create(m, 5, null, 0).Select(m, 3, FoldSplit.Test).Items, test.Items);

        // Explicit sizes and seed, other format.
        (code, _, error) = Run("folds", "-m", manifest, "--root", _tree.Root, "-o", Path.Combine(dir, "f2"), "--folds", "3",
            "--valid", "10", "--test", "20", "--seed", "7", "--format", "speechbrain-json");
        Assert.True(code == 0, error);
        var back = SpeakerFolds.Read(Path.Combine(dir, "f2", "folds.json"));
        Assert.Equal(new FoldSizes(61, 10, 20), back.Sizes);
        Assert.True(File.Exists(Path.Combine(dir, "f2", "fold3", "train.json")));
    }

    [Fact]
    public void ConvertsAndScansFolders()
    {
        var dir = RepoPaths.NewTempFolder();
        var jsonl = Path.Combine(_tree.Root, "intended.jsonl");
        try
        {
            var (code, _, error) = Run("manifest", "--crema-d", _tree.Root, "--labels", "intended", "-o", jsonl);
            Assert.True(code == 0, error);
            var converted = Path.Combine(_tree.Root, "intended.sb.csv");
            (code, _, error) = Run("manifest", "--convert", jsonl, "-o", converted, "--format", "speechbrain-csv");
            Assert.True(code == 0, error);
            Assert.Equal(Manifest.Load(jsonl).Items, Manifest.Load(converted).Items);
            File.Delete(converted);
        }
        finally
        {
            File.Delete(jsonl);
        }

        SineWav.Write(Path.Combine(dir, "media", "a", "x.wav"), 0.1);
        SineWav.Write(Path.Combine(dir, "media", "b", "y.wav"), 0.1);
        File.WriteAllText(Path.Combine(dir, "labels.csv"), "a/x,HAP\n");
        var (c2, o2, e2) = Run("manifest", "--folder", Path.Combine(dir, "media"), "--labels", Path.Combine(dir, "labels.csv"),
            "--speaker-from-folder", "-o", Path.Combine(dir, "media", "m.json"));
        Assert.True(c2 == 0, e2);
        Assert.Contains("media files 2, labelled 1, speakers 2", o2);
        Assert.DoesNotContain("--root", o2);
        var m = Manifest.Load(Path.Combine(dir, "media", "m.json"));
        Assert.Equal(new[] { "HAP", null }, m.Items.Select(u => u.Label));
    }

    [Fact]
    public void BadInvocationsFailWithAMessage()
    {
        var dir = RepoPaths.NewTempFolder();
        var (code, _, error) = Run("manifest", "--crema-d", _tree.Root, "--folder", dir, "-o", Path.Combine(dir, "x.csv"));
        Assert.NotEqual(0, code);
        Assert.Contains("exactly one of", error);

        (code, _, error) = Run("manifest", "--crema-d", _tree.Root, "--labels", "loudest", "-o", Path.Combine(dir, "x.csv"));
        Assert.NotEqual(0, code);
        Assert.Contains("majority, plurality, distribution or intended", error);

        File.WriteAllText(Path.Combine(dir, "bad.csv"), "id,path\nu,../x.wav\n");
        (code, _, error) = Run("folds", "-m", Path.Combine(dir, "bad.csv"), "-o", Path.Combine(dir, "f"));
        Assert.Equal(1, code);
        Assert.Contains("bad.csv: line 2: path '../x.wav' escapes the manifest root", error);

        File.WriteAllText(Path.Combine(dir, "nospk.csv"), "id,path\nu,x.wav\n");
        (code, _, error) = Run("folds", "-m", Path.Combine(dir, "nospk.csv"), "-o", Path.Combine(dir, "f"));
        Assert.Equal(1, code);
        Assert.Contains("have no speaker", error);

        (code, _, error) = Run("folds", "-m", Path.Combine(dir, "bad.csv"));
        Assert.NotEqual(0, code);
        Assert.Contains("--output", error);
    }

    [Fact]
    public void EveryCommandHasHelp()
    {
        foreach (var command in new[] { "manifest", "folds" })
        {
            var (code, output, _) = Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output);
            Assert.Contains("--output", output);
        }
        Assert.Contains("--keep-unlabelled", Run("manifest", "--help").Output);
        Assert.Contains("--seed", Run("folds", "--help").Output);
    }
}
