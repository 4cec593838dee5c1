using System.Globalization;
using System.Text;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Experiments;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

/// <summary>
/// An experiment folder in the runner's layout, made by hand so every number of the report can be computed on paper:
/// 3 classes, 9 speakers in 3 speaker-independent folds of 5/2/2, seeds 0 and 1, label fractions 25 % and 100 %,
/// conditions baseline, T1 and T1+T3. Every run's confusion matrix is <see cref="Cyclic"/>(k): 10 utterances per class,
/// k right and 10 − k predicted as the next class, so every metric of the run (macro and micro P/R/F1, UA, WA) is k/10.
/// </summary>
internal static class HandMadeExperiment
{
    public static readonly string[] Classes = ["ANG", "HAP", "NEU"];
    public static readonly string[] Conditions = ["baseline", "T1", "T1+T3"];
    public static readonly long[] Seeds = [0, 1];
    public static readonly double[] Fractions = [0.25, 1.0];
    public const int Folds = 3;

    /// <summary>k of each run, [fold − 1, seed], by (label fraction, condition).</summary>
    public static readonly IReadOnlyDictionary<(double, string), int[,]> K = new Dictionary<(double, string), int[,]>
    {
        [(1.0, "baseline")] = new[,] { { 5, 6 }, { 6, 6 }, { 5, 7 } },
        [(1.0, "T1")] = new[,] { { 7, 7 }, { 7, 8 }, { 6, 8 } },
        [(1.0, "T1+T3")] = new[,] { { 8, 8 }, { 7, 9 }, { 8, 8 } },
        [(0.25, "baseline")] = new[,] { { 3, 4 }, { 4, 4 }, { 3, 3 } },
        [(0.25, "T1")] = new[,] { { 4, 5 }, { 5, 5 }, { 4, 4 } },
        [(0.25, "T1+T3")] = new[,] { { 5, 5 }, { 5, 6 }, { 4, 5 } },
    };

    /// <summary>Utterances of speaker s1..s9: 3 + (i mod 3) each, labels cycling ANG, HAP, NEU.</summary>
    public static IReadOnlyList<Utterance> Utterances() =>
        Enumerable.Range(1, 9).SelectMany(i => Enumerable.Range(0, 3 + i % 3)
            .Select(j => new Utterance($"s{i}_{j}", $"audio/s{i}_{j}.wav", $"s{i}", Classes[j % 3]))).ToArray();

    /// <summary>The 3×3 confusion matrix of a run with accuracy k/10 (rows truth, columns prediction).</summary>
    public static int[,] Cyclic(int k)
    {
        var m = new int[3, 3];
        for (int c = 0; c < 3; c++)
        {
            m[c, c] = k;
            m[c, (c + 1) % 3] = 10 - k;
        }
        return m;
    }

    public static ExperimentProtocol Protocol() => new()
    {
        Recipe = "hand-made-study",
        Corpus = "hand-made corpus",
        LabelRule = "the label column of the manifest",
        Classes = Classes,
        Utterances = Utterances().Count,
        Speakers = 9,
        SpeakerIndependent = true,
        Folds = Folds,
        TrainSpeakers = 5,
        ValidSpeakers = 2,
        TestSpeakers = 2,
        FoldSeed = 7,
        Seeds = Seeds,
        LabelFractions = Fractions,
        Conditions = Conditions,
        PretrainingCorpora = new Dictionary<string, int> { ["videos"] = 12 },
        PretrainingHours = 1.5,
        Settings = new Dictionary<string, string> { ["model"] = "4 transformer layers, width 128" },
        Versions = new Dictionary<string, string> { ["serkit"] = "test" },
    };

    /// <summary>The run folder of a run, relative to the experiment folder.</summary>
    public static string RunFolder(string condition, double fraction, int fold, long seed) =>
        new ExperimentRunKey(condition, fraction, fold, seed).RelativeFolder;

    /// <summary>Writes the whole folder into a new temporary folder and returns its path.</summary>
    public static string Create()
    {
        var dir = RepoPaths.NewTempFolder("serkit-report");
        Protocol().Write(Path.Combine(dir, ExperimentProtocol.FileName));

        var manifest = new Manifest(Path.Combine(dir, "labelled"), Utterances());
        manifest.Save(Path.Combine(dir, "labelled", "manifest.csv"));
        SpeakerFolds.Create(manifest, Folds, new FoldSizes(5, 2, 2), 7).Write(manifest, Path.Combine(dir, "folds"));

        // Pretext labels: T1 low 5, high 5, none 2; T2 low 4, high 4, none 4; T3 happiness 3, neutral 6, none 3.
        var items = Enumerable.Range(0, 12).Select(i => new PretextLabels($"u{i}",
            i < 5 ? 0 : i < 10 ? 1 : null,
            i < 4 ? 0 : i < 8 ? 1 : null,
            i < 3 ? 0 : i < 9 ? 1 : null)).ToArray();
        var pretextDir = Path.Combine(dir, "pretext", "shared");
        Directory.CreateDirectory(pretextDir);
        new PretextLabelSet(["happiness", "neutral"], items).Write(pretextDir);

        foreach (var ((fraction, condition), k) in K)
            for (int fold = 1; fold <= Folds; fold++)
                foreach (var seed in Seeds)
                {
                    var run = Path.Combine(dir, RunFolder(condition, fraction, fold, seed));
                    ResultsFiles.WriteResultsJson(Path.Combine(run, ResultsFiles.ResultsFileName),
                        ClassificationMetrics.FromConfusion(Cyclic(k[fold - 1, (int)seed]), Classes),
                        new EvaluationInfo("hand-made-study", true, fold, seed, condition, "test", fraction));
                    // Baseline fold 1 seed 0 stopped after 3 epochs, every other run after 4.
                    int epochs = condition == "baseline" && fold == 1 && seed == 0 ? 3 : 4;
                    WriteTrainLog(Path.Combine(run, "model", "train_log.csv"), epochs, fold, seed);
                }
        return dir;
    }

    /// <summary>train_loss 1/e + 0.01·fold, valid_loss 1.2/e, valid_macro_f1 = valid_ua = valid_wa = 0.1·e + 0.01·seed.</summary>
    private static void WriteTrainLog(string path, int epochs, int fold, long seed)
    {
        var sb = new StringBuilder("epoch,train_loss,valid_loss,valid_macro_f1,valid_ua,valid_wa,seconds\n");
        for (int e = 1; e <= epochs; e++)
        {
            double f1 = 0.1 * e + 0.01 * seed;
            sb.Append(CultureInfo.InvariantCulture, $"{e},{1.0 / e + 0.01 * fold:R},{1.2 / e:R},{f1:R},{f1:R},{f1:R},0.5\n");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
    }
}
