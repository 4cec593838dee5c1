using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Training;

/// <summary><c>--root</c> of <c>serkit finetune</c> and <c>serkit evaluate</c>: manifests kept apart from the audio they list.</summary>
public class ManifestRootCommandTests
{
    [Fact]
    public void FinetuneAndEvaluateReadManifestsRelativeToRoot()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        var lists = Directory.CreateDirectory(Path.Combine(dir, "lists")).FullName;
        // The manifests name wav/<id>.wav relative to corpus/, but are kept in lists/.
        string Moved(string split, int count, int seed)
        {
            var written = ToneCorpus.Write(corpus, split, count, 0.3, 0.5, seed);
            var moved = Path.Combine(lists, split + ".csv");
            File.Move(written, moved);
            return moved;
        }
        var train = Moved("train", 8, 41);
        var valid = Moved("valid", 4, 42);
        var test = Moved("test", 4, 43);
        string[] fineArgs = ["finetune", "--train", train, "--valid", valid, "--test", test, "--from-scratch",
            "--epochs", "1", "--batch", "4", .. ToneCorpus.TinyFlags];

        var fine = Path.Combine(dir, "fine");
        var (code, stdout, stderr) = CliRunner.Run([.. fineArgs, "-o", fine, "--root", corpus]);
        Assert.True(code == 0, stderr);
        Assert.Contains("fine-tuned from scratch", stdout);
        Assert.Contains("over 4 utterances", stdout);

        var eval = Path.Combine(dir, "eval");
        (code, stdout, stderr) = CliRunner.Run("evaluate", "--model", fine, "--manifest", test, "--root", corpus, "-o", eval);
        Assert.True(code == 0, stderr);
        Assert.Contains("4 utterances: macro-F1", stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(fine, "test", "predictions.csv")), File.ReadAllText(Path.Combine(eval, "predictions.csv")));

        // Without --root the paths are taken relative to lists/, where there is no audio.
        (code, _, stderr) = CliRunner.Run([.. fineArgs, "-o", Path.Combine(dir, "x")]);
        Assert.NotEqual(0, code);
        Assert.Contains(Path.Combine(lists, "wav"), stderr);
    }
}
