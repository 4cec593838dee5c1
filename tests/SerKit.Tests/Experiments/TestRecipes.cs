using SerKit.Experiments;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Tests.Experiments;

/// <summary>Tiny recipes on the generated demo corpus, and runners that save recipes even before <see cref="RecipeFile"/> can.</summary>
internal static class TestRecipes
{
    /// <summary>4 labelled speakers × 6 utterances, 2 unlabelled speakers × 6; 2 folds of 2/1/1 speakers; a 1-layer encoder of width 16.</summary>
    public static Recipe Tiny => DemoRecipe.Create(new DemoCorpusOptions
    {
        Speakers = 4, UtterancesPerEmotion = 1, UnlabelledSpeakers = 2, UnlabelledUtterances = 6,
        SevereTrackingLossLabelled = 0, SevereTrackingLossUnlabelled = 1, MaxSeconds = 2,
    }) with
    {
        Name = "tiny",
        Model = new EncoderConfig { Width = 16, Layers = 1, Heads = 2, FeedForward = 32, PoolingDim = 16 },
        Pretraining = new TrainingOptions { Epochs = 1, BatchSize = 8, Patience = 0 },
        FineTuning = new TrainingOptions { Epochs = 2, BatchSize = 8, Patience = 0 },
        Folds = new FoldsRecipe { Count = 2, Train = null, Valid = 1, Test = 1 },
        Conditions = ["baseline", "t1+t2+t3"],
        Seeds = [0],
        LabelFractions = [0.5, 1.0],
        Workers = 2,
    };

    /// <summary>True once the lead's <see cref="RecipeFile"/> writes YAML (until then tests save recipes as JSON).</summary>
    public static bool RecipeFileReady
    {
        get
        {
            try
            {
                RecipeFile.ToYaml(new Recipe());
                return true;
            }
            catch (NotImplementedException) { return false; }
        }
    }

    /// <summary>A runner; before <see cref="RecipeFile"/> is merged it keeps recipe.yaml as the runner's canonical JSON.</summary>
    public static ExperimentRunner Runner(Recipe recipe, string dir, ExperimentRunOptions? options = null) =>
        RecipeFileReady
            ? new ExperimentRunner(recipe, dir, options)
            : new ExperimentRunner(recipe, dir, options)
            {
                SaveRecipe = (r, path) => AtomicFile.WriteAllText(path, RecipeJson.ToJson(r)),
                LoadRecipe = path => RecipeJson.FromJson(File.ReadAllText(path)),
            };
}
