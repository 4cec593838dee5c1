using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class EvaluationCommandsTests
{
    private static readonly string[] Classes = { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    private static void WriteRuns(string dir, string condition, int shift)
    {
        var truth = Enumerable.Range(0, 36).Select(i => i % 6).ToArray();
        for (int fold = 1; fold <= 3; fold++)
        {
            // Wrong on every `shift + fold`-th sample.
            var pred = truth.Select((t, i) => i % (shift + fold) == 0 ? (t + 1) % 6 : t).ToArray();
            var m = ClassificationMetrics.Compute(truth, pred, Classes);
            ResultsFiles.WriteResultsJson(Path.Combine(dir, condition, $"fold{fold}", ResultsFiles.ResultsFileName), m,
                new EvaluationInfo("demo", true, fold, 7, condition, "test"));
        }
    }

    [Fact]
    public void CompareWritesTheTableAndSkipsItsOwnOutputWhenRerun()
    {
        var dir = RepoPaths.NewTempFolder();
        WriteRuns(dir, "baseline", 2);
        WriteRuns(dir, "T1+T2+T3", 5);
        var (code, stdout, stderr) = CliRunner.Run("compare", dir, "-o", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("| baseline | 3 |", stdout);
        Assert.Contains("| T1+T2+T3 | 3 |", stdout);
        Assert.True(File.Exists(Path.Combine(dir, "results.md")));
        Assert.True(ResultsFiles.IsComparisonTable(Path.Combine(dir, "results.json")));

        // The table's own results.json sits under the searched folder now; a rerun ignores it.
        var again = CliRunner.Run("compare", dir);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "results.md")), again.Stdout);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void CompareReportsABrokenFileAndAMissingBaseline()
    {
        var dir = RepoPaths.NewTempFolder();
        WriteRuns(dir, "T1", 3);
        var (code, _, stderr) = CliRunner.Run("compare", dir);
        Assert.Equal(1, code);
        Assert.Contains("no results for the baseline 'baseline'", stderr);

        var broken = Path.Combine(dir, "T1", "fold1", "results.json");
        File.WriteAllText(broken, File.ReadAllText(broken).Replace("\"label_map\"", "\"labels\""));
        (code, _, stderr) = CliRunner.Run("compare", dir, "--baseline", "T1");
        Assert.Equal(1, code);
        Assert.Contains($"serkit compare: {broken}: key label_map: missing", stderr);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void PlotConfusionAndCurves()
    {
        var dir = RepoPaths.NewTempFolder();
        WriteRuns(dir, "baseline", 2);
        var results = Path.Combine(dir, "baseline", "fold1", "results.json");
        var (code, stdout, stderr) = CliRunner.Run("plot", "confusion", results);
        Assert.True(code == 0, stderr);
        var png = Path.Combine(dir, "baseline", "fold1", "confusion.png");
        Assert.Contains(png, stdout);
        Assert.True(new FileInfo(png).Length > 1000);

        var log = Path.Combine(dir, "train_log.csv");
        File.WriteAllText(log, "epoch,train_loss,valid_loss,valid_macro_f1\n1,1.7,1.8,0.2\n2,1.2,1.5,0.35\n");
        (code, _, stderr) = CliRunner.Run("plot", "curves", log, "-o", Path.Combine(dir, "curves.png"));
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(dir, "curves.png")));

        File.WriteAllText(log, "epoch,train_loss\nx,1\n");
        (code, _, stderr) = CliRunner.Run("plot", "curves", log);
        Assert.Equal(1, code);
        Assert.Contains("line 2: epoch 'x' is not an integer", stderr);
        Directory.Delete(dir, true);
    }
}
