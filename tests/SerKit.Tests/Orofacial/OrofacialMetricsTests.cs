using System.Text.Json;
using SerKit.Orofacial;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Orofacial;

/// <summary>The metrics on hand-made predictions, and the report files.</summary>
public class OrofacialMetricsTests
{
    private const int O = OrofacialPoints.Outputs;

    [Fact]
    public void ErrorsAndCorrelationsFollowTheirDefinitions()
    {
        var acc = new OrofacialMetricsAccumulator(new float[O], ["low", "high"], visemeClasses: 3);
        var truth = new float[O];
        var predicted = new float[O];
        int lip = OrofacialPoints.Count + OrofacialPoints.IndexOf(66);
        for (int f = 0; f < 100; f++)
        {
            // Every coordinate follows a sine; the prediction is 0.5 × the truth (+0.01 on x_0, whose truth is constant).
            for (int j = 0; j < O; j++) truth[j] = j == 0 ? 0.2f : (float)Math.Sin(0.1 * f + j);
            for (int j = 0; j < O; j++) predicted[j] = j == 0 ? 0.21f : 0.5f * truth[j];
            acc.AddFrame(predicted, truth);
            if (f % 2 == 0) acc.AddViseme(f % 3, f % 6 == 0 ? 0 : 1);
        }
        acc.AddUtterance();
        acc.AddEmotion(0, 0);
        acc.AddEmotion(1, 0);
        var m = acc.Result();
        Assert.Equal(100, m.Frames);
        Assert.Equal(1, m.Utterances);
        // RMSE: sqrt(mean squared error) over frames and coordinates, computed here directly.
        double se = 0, sb = 0;
        for (int f = 0; f < 100; f++)
            for (int j = 0; j < O; j++)
            {
                double t = j == 0 ? 0.2 : Math.Sin(0.1 * f + j), p = j == 0 ? 0.21 : 0.5 * t;
                se += (p - t) * (p - t);
                sb += t * t;
            }
        Assert.Equal(Math.Sqrt(se / (100.0 * O)), m.Rmse, 6);
        Assert.Equal(Math.Sqrt(sb / (100.0 * O)), m.BaselineRmse, 6);
        // A scaled copy correlates perfectly; the constant coordinate is left out of the mean.
        Assert.Equal(1, m.MeanCorrelation, 6);
        Assert.Equal(1, m.MouthOpeningCorrelation, 6);
        Assert.True(m.JawRmse > 0 && m.MouthRmse > 0);
        Assert.Equal(0.5, m.EmotionUa!.Value, 12);
        // Visemes on even frames: truth f % 3, prediction 0 when f % 6 == 0 (truth 0) else 1 (truth 1 when f % 6 == 4).
        Assert.Equal(50, m.VisemeFrames);
        Assert.Equal((17 + 16) / 50.0, m.VisemeAccuracy!.Value, 12);
        Assert.Equal(17 / 50.0, m.VisemeMajorityAccuracy!.Value, 12);
        Assert.Equal(0.0, OrofacialPoints.MouthOpening(new float[O]));
    }

    [Fact]
    public void TheReportWritesATableAndJsonWithNullsForMissingValues()
    {
        var dir = RepoPaths.NewTempFolder();
        var a = new OrofacialVariantResult("single", VisemeSource.None, "/m/single", new OrofacialMetrics
        {
            Utterances = 3, Frames = 300, Rmse = 0.01, BaselineRmse = 0.012, JawRmse = 0.009, MouthRmse = 0.011, MeanCorrelation = 0.3,
            MouthOpeningCorrelation = double.NaN,
        }) { KeptEpoch = 4 };
        var b = a with { Variant = "emotion_viseme", Visemes = VisemeSource.Clusters, Metrics = a.Metrics with { EmotionUa = 0.4, EmotionMacroF1 = 0.35, EmotionUtterances = 3, VisemeFrames = 250, VisemeAccuracy = 0.5, VisemeMajorityAccuracy = 0.3 } };
        var md = OrofacialReport.Write(dir, [a, b]);
        Assert.Contains("| single | — | 0.0100 | 0.0120 | 0.0090 | 0.0110 | 0.300 | — | — | — | — |", md);
        Assert.Contains("| emotion_viseme | clusters | 0.0100 | 0.0120 | 0.0090 | 0.0110 | 0.300 | — | 0.400 | 0.350 | 0.500 (0.300) |", md);
        Assert.Equal(md, File.ReadAllText(Path.Combine(dir, OrofacialReport.MarkdownFile)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, OrofacialReport.JsonFile)));
        var v = json.RootElement.GetProperty("variants");
        Assert.Equal(JsonValueKind.Null, v[0].GetProperty("mouth_opening_correlation").ValueKind);
        Assert.Equal(JsonValueKind.Null, v[0].GetProperty("emotion_ua").ValueKind);
        Assert.Equal(0.4, v[1].GetProperty("emotion_ua").GetDouble());
        Assert.Equal(4, v[1].GetProperty("kept_epoch").GetInt32());
        Assert.Equal("clusters", v[1].GetProperty("visemes").GetString());
    }
}
