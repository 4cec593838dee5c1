using SerKit.Experiments;
using SerKit.Modeling;
using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Tests.Experiments;

/// <summary>Tiny recipes on the generated demo corpus.</summary>
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
}
