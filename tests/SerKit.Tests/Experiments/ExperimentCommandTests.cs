using SerKit.Experiments;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;

namespace SerKit.Tests.Experiments;

/// <summary><c>serkit experiment</c> in process: a tiny recipe file to the report, then a changed recipe refused by key.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ExperimentCommandTests
{
    [Fact]
    public void RunsARecipeFileAndRefusesAChangedOneNamingTheKey()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment-cli");
        var recipe = Path.Combine(dir, "tiny.yaml");
        RecipeFile.Save(TestRecipes.Tiny with { LabelFractions = [1.0] }, recipe);
        var output = Path.Combine(dir, "out");

        var (code, stdout, stderr) = CliRunner.InProcess("experiment", recipe, "-o", output, "--workers", "2");
        Assert.True(code == 0, stderr);
        Assert.Contains("| T1+T2+T3", stdout);
        Assert.Contains(Path.Combine(output, "results.md"), stdout);
        Assert.True(File.Exists(Path.Combine(output, "recipe.yaml")));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs"), "results.json", SearchOption.AllDirectories).Length);
        // Without labelled_train_videos: one shared pretext set and one encoder per condition, used by every fold.
        Assert.True(File.Exists(Path.Combine(output, "pretext", "shared", "pretext.csv")));
        Assert.False(Directory.Exists(Path.Combine(output, "pretext", "fold1")));
        Assert.True(File.Exists(Path.Combine(output, "pretrain", "t1+t2+t3", "model.safetensors")));
        Assert.False(Directory.Exists(Path.Combine(output, "pretrain", "t1+t2+t3", "fold1")));
        Assert.True(File.Exists(Path.Combine(output, "plots", "confusion_t1+t2+t3.png")));

        (code, _, stderr) = CliRunner.InProcess("experiment", recipe, "-o", output, "--set", "fine_tuning.epochs=3");
        Assert.Equal(1, code);
        Assert.Contains("fine_tuning.epochs: 2 → 3", stderr);
        Assert.Contains(recipe, stderr);

        (code, _, stderr) = CliRunner.InProcess("experiment", Path.Combine(dir, "missing.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("missing.yaml", stderr);
    }
}
