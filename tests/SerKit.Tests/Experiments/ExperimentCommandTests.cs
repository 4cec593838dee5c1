using SerKit.Experiments;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;

namespace SerKit.Tests.Experiments;

/// <summary><c>serkit experiment</c> in process: a tiny recipe file to the table, then a changed recipe refused by key.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ExperimentCommandTests
{
    [SkippableFact]
    public void RunsARecipeFileAndRefusesAChangedOneNamingTheKey()
    {
        Skip.IfNot(TestRecipes.RecipeFileReady, "RecipeFile (YAML) is not merged yet");
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

        (code, _, stderr) = CliRunner.InProcess("experiment", recipe, "-o", output, "--set", "fine_tuning.epochs=3");
        Assert.Equal(1, code);
        Assert.Contains("fine_tuning.epochs: 2 → 3", stderr);
        Assert.Contains(recipe, stderr);

        (code, _, stderr) = CliRunner.InProcess("experiment", Path.Combine(dir, "missing.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("missing.yaml", stderr);
    }
}
