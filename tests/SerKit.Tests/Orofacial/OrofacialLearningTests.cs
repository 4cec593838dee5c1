using System.Diagnostics;
using System.Text.Json;
using SerKit.Orofacial;
using SerKit.Tests.Training;
using SerKit.Training;
using Xunit.Abstractions;

namespace SerKit.Tests.Orofacial;

/// <summary>
/// The variants trained on the demo corpus and scored on an unseen speaker: the landmark model beats the mean shape and follows the mouth
/// opening; the multitask variants train their secondary heads and report their accuracies.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class OrofacialLearningTests(OrofacialDemo demo, ITestOutputHelper output) : IClassFixture<OrofacialDemo>
{
    private static readonly OrofacialConfig Small = new() { ConvChannels = 32, LstmHidden = 32, LstmLayers = 1, Dropout = 0.2 };

    private static TrainingOptions Options(int epochs) => new()
    {
        Epochs = epochs, BatchSize = 8, LearningRate = 3e-3, Patience = 0, Seed = 3, Threads = 1,
        Windows = new() { WindowFrames = 100, HopFrames = 50 },
    };

    [Fact]
    public void EveryVariantTrainsAndTheTableComparesThem()
    {
        var clock = Stopwatch.StartNew();
        var dir = demo.File("experiment");
        var results = OrofacialExperiment.Run(new OrofacialExperimentRequest(
            new OrofacialDataRequest(demo.Train) { Valid = demo.Valid, FacesDirectory = demo.Faces, Workers = 2 }, demo.Test, dir)
        {
            Network = Small, Options = Options(8), VisemeClusters = 6,
        });
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(File.ReadAllText(Path.Combine(dir, OrofacialReport.MarkdownFile)));
        Assert.Equal(new[] { "single", "emotion", "viseme", "emotion_viseme" }, results.Select(r => r.Variant));
        foreach (var r in results)
        {
            var m = r.Metrics;
            Assert.Equal(12, m.Utterances);
            Assert.True(m.Rmse < m.BaselineRmse, $"{r.Variant}: RMSE {m.Rmse} vs mean shape {m.BaselineRmse}");
            Assert.True(m.MouthOpeningCorrelation > 0.4, $"{r.Variant}: mouth-opening r {m.MouthOpeningCorrelation}");
            Assert.True(m.MeanCorrelation > 0, $"{r.Variant}: mean r {m.MeanCorrelation}");
            Assert.True(File.Exists(Path.Combine(dir, r.Variant, OrofacialEvaluation.ResultsFileName)));
        }
        Assert.Null(results[0].Metrics.EmotionUa);
        Assert.Null(results[0].Metrics.VisemeAccuracy);
        foreach (var r in results.Where(r => r.Variant.Contains("emotion")))
        {
            Assert.Equal(12, r.Metrics.EmotionUtterances);
            Assert.InRange(r.Metrics.EmotionUa!.Value, 0, 1);
            Assert.NotNull(r.Metrics.EmotionMacroF1);
        }
        foreach (var r in results.Where(r => r.Variant.Contains("viseme")))
        {
            Assert.Equal(VisemeSource.Clusters, r.Visemes);
            Assert.True(r.Metrics.VisemeFrames > 2000);
            // Mouth-shape classes are predicted from speech better than by always answering the most frequent one.
            Assert.True(r.Metrics.VisemeAccuracy > r.Metrics.VisemeMajorityAccuracy, $"{r.Variant}: viseme accuracy {r.Metrics.VisemeAccuracy} vs {r.Metrics.VisemeMajorityAccuracy}");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, OrofacialReport.JsonFile)));
        var variants = json.RootElement.GetProperty("variants");
        Assert.Equal(4, variants.GetArrayLength());
        Assert.Equal(results[3].Metrics.VisemeAccuracy!.Value, variants[3].GetProperty("viseme_accuracy").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, variants[0].GetProperty("emotion_ua").ValueKind);
        var table = File.ReadAllText(Path.Combine(dir, OrofacialReport.MarkdownFile));
        Assert.Contains("| emotion_viseme | clusters |", table);
    }
}
