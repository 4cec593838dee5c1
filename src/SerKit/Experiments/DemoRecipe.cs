using SerKit.Synthetic;
using SerKit.Training;

namespace SerKit.Experiments;

/// <summary>
/// The recipe of <c>serkit demo</c> (and <c>recipes/demo.yaml</c>): the method end to end on SerKit's generated audiovisual
/// corpus. The labelled part is written under the experiment folder; its unlabelled part (corpus <c>demo</c>, with face
/// tracks) is the pre-training data. Baseline, T1, T2, T3 and T1+T2+T3 on 4 speaker-independent folds (1 validation and
/// 2 test speakers each, the rest train) × seeds 0 and 1, fine-tuned on 50 % of the training labels; 8 pre-training
/// epochs, at most 20 fine-tuning epochs. Finishes in about 5 minutes on two cores.
/// </summary>
public static class DemoRecipe
{
    /// <summary>The pre-training corpus name of the demo corpus's unlabelled part.</summary>
    public const string CorpusName = "demo";

    /// <summary>The demo recipe for the generated corpus <paramref name="corpus"/> (default sizes when null).</summary>
    public static Recipe Create(DemoCorpusOptions? corpus = null) => new()
    {
        Name = "demo",
        Labelled = new LabelledCorpusRecipe
        {
            Format = LabelledCorpusFormat.Demo,
            Demo = corpus ?? new DemoCorpusOptions(),
            Classes = EmotionProsody.Classes,
        },
        PretrainingData = new PretrainingDataRecipe
        {
            Corpora = [new PretrainingCorpusRecipe { Name = CorpusName, Kind = PretrainingCorpusKind.Demo }],
        },
        Pretraining = new TrainingOptions { Epochs = 8, Patience = 0 },
        FineTuning = new TrainingOptions { Epochs = 20, Patience = 6 },
        Folds = new FoldsRecipe { Count = 4, Train = null, Valid = 1, Test = 2 },
        Conditions = ["baseline", "t1", "t2", "t3", "t1+t2+t3"],
        Seeds = [0, 1],
        LabelFractions = [0.5],
    };
}
