using SerKit.Experiments;
using SerKit.Runtime;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

/// <summary>What the runner does with a folder that already holds something: same recipe resumes, another recipe is refused unless restarting.</summary>
public class ExperimentFolderTests
{
    /// <summary>Runs until the first progress report (the folder is checked and the recipe saved by then), then cancels.</summary>
    private static void StartAndStop(ExperimentRunner runner)
    {
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(new SynchronousProgress<ExperimentProgress>(_ => stop.Cancel()), stop.Token));
    }

    [Fact]
    public void ADifferentRecipeIsRefusedNamingTheKeysAndRestartStartsOver()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment");
        var first = TestRecipes.Tiny;
        StartAndStop(new ExperimentRunner(first, dir));
        var saved = Path.Combine(dir, RecipeFile.ResolvedFileName);
        Assert.True(File.Exists(saved));
        var stale = Path.Combine(dir, "runs", "baseline", "labels50", "fold1", "seed0", "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "{}");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "the user's own file");

        var changed = first with { FineTuning = first.FineTuning with { Epochs = 3 }, Seeds = [0, 1] };
        var e = Assert.Throws<RecipeMismatchException>(() => new ExperimentRunner(changed, dir, new ExperimentRunOptions { RecipeSource = "study.yaml" }).Run());
        Assert.Contains(saved, e.Message);
        Assert.Contains("study.yaml", e.Message);
        Assert.Contains("--restart", e.Message);
        Assert.Contains("fine_tuning.epochs: 2 → 3", e.Differences);
        Assert.Contains("seeds: [0] → [0,1]", e.Differences);
        Assert.Equal(2, e.Differences.Count);
        Assert.True(File.Exists(stale), "a refused run must not touch the folder");

        // Keys that do not change results (workers, folds.only) may differ: the run resumes.
        StartAndStop(new ExperimentRunner(first with { Workers = 1, Folds = first.Folds with { Only = [2] } }, dir));
        Assert.True(File.Exists(stale));

        // --restart removes what the runner wrote (and nothing else) and saves the new recipe.
        StartAndStop(new ExperimentRunner(changed, dir, new ExperimentRunOptions { Restart = true }));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(dir, "notes.txt")));
        Assert.Empty(RecipeFile.Differences(RecipeFile.Load(saved), changed));
    }

    [Fact]
    public void AFolderThatIsNotAnExperimentIsRefused()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment");
        File.WriteAllText(Path.Combine(dir, "thesis.tex"), "\\documentclass{article}");
        var e = Assert.Throws<RecipeMismatchException>(() => new ExperimentRunner(TestRecipes.Tiny, dir).Run());
        Assert.Contains("not an experiment folder", e.Message);
        Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void BadRecipesAreRefusedNamingTheKey()
    {
        var dir = RepoPaths.NewTempFolder("serkit-experiment");
        var tiny = TestRecipes.Tiny;
        var e = Assert.Throws<ArgumentException>(() => new ExperimentRunner(tiny with { LabelFractions = [0.101, 0.104] }, dir));
        Assert.Contains("label_fractions", e.Message);
        Assert.Contains("labels10", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ExperimentRunner(tiny with
        {
            PretrainingData = new PretrainingDataRecipe { Corpora = [new PretrainingCorpusRecipe { Name = "labelled", Kind = PretrainingCorpusKind.Demo }] },
        }, dir));
        Assert.Contains("pretraining_data.corpora[0].name", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ExperimentRunner(tiny with
        {
            Labelled = new LabelledCorpusRecipe { Format = LabelledCorpusFormat.Manifest, Manifest = "x.csv" },
        }, dir));
        Assert.Contains("pretraining_data.corpora[0].kind", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
