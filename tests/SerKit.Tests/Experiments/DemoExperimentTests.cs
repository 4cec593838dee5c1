using SerKit.Evaluation;
using SerKit.Experiments;
using SerKit.Modeling;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Experiments;

/// <summary>A tiny run of the whole demo (recipe smoke test): which files exist and what they hold.</summary>
public class DemoExperimentTests
{
    private static DemoOptions Tiny => new()
    {
        Corpus = new DemoCorpusOptions { Speakers = 4, UtterancesPerEmotion = 1, UnlabelledSpeakers = 2, UnlabelledUtterances = 6, SevereTrackingLossLabelled = 0, SevereTrackingLossUnlabelled = 1, MaxSeconds = 2 },
        Conditions = new[] { DemoCondition.Default[0], DemoCondition.Default[^1] },
        Folds = 2,
        ValidSpeakers = 1,
        TestSpeakers = 1,
        Seeds = new long[] { 0, 1 },
        LabelFraction = 1,
        Encoder = new EncoderConfig { Width = 16, Layers = 1, Heads = 2, FeedForward = 32, PoolingDim = 16 },
        Pretraining = new TrainingOptions { Epochs = 1, BatchSize = 8, Patience = 0 },
        FineTuning = new TrainingOptions { Epochs = 2, BatchSize = 8, Patience = 0 },
        Workers = 2,
    };

    [Fact]
    public void TinyDemoWritesEveryStageAndTheTableAndResumes()
    {
        var dir = RepoPaths.NewTempFolder();
        var lines = new List<DemoProgress>();
        var result = new DemoExperiment(dir, Tiny).Run(new SerKit.Runtime.SynchronousProgress<DemoProgress>(lines.Add));

        foreach (var file in new[]
                 {
                     "corpus/labelled.csv", "corpus/unlabelled.csv", "corpus/corpus.json", "pretext/pretext.csv", "pretext/pretext.json",
                     "pretext/t3_distribution.png", "pretrain/t1+t2+t3/model.safetensors", "pretrain/t1+t2+t3/config.json",
                     "folds/folds.json", "results.md", "results.json",
                 })
            Assert.True(File.Exists(Path.Combine(dir, file)), file + " is missing");
        Assert.False(Directory.Exists(Path.Combine(dir, "pretrain", "baseline")));
        var runs = Directory.GetFiles(Path.Combine(dir, "runs"), ResultsFiles.ResultsFileName, SearchOption.AllDirectories);
        Assert.Equal(2 * 2 * 2, runs.Length);
        foreach (var run in runs)
        {
            var r = ResultsFiles.ReadResultsJson(run);
            Assert.True(r.Info.SpeakerIndependent);
            Assert.Contains(r.Info.Condition, new[] { "baseline", "T1+T2+T3" });
            Assert.Equal(6, r.Metrics.Num);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run)!, ResultsFiles.PredictionsFileName)));
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run)!, "confusion.png")));
        }
        Assert.Contains("| baseline", result.Markdown);
        Assert.Contains("| T1+T2+T3", result.Markdown);
        Assert.Equal(1.0, lines[^1].Fraction);

        // Rerun: every stage is found complete, nothing is retrained or rewritten.
        var stamps = runs.ToDictionary(r => r, File.GetLastWriteTimeUtc);
        var model = Path.Combine(dir, "pretrain", "t1+t2+t3", "model.safetensors");
        var modelStamp = File.GetLastWriteTimeUtc(model);
        var again = new DemoExperiment(dir, Tiny).Run();
        Assert.Equal(result.Markdown, again.Markdown);
        Assert.Equal(modelStamp, File.GetLastWriteTimeUtc(model));
        foreach (var (run, stamp) in stamps) Assert.Equal(stamp, File.GetLastWriteTimeUtc(run));
    }
}
