using System.Text.Json;
using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class VoteEvaluationTests
{
    private static readonly string[] Classes = ["A", "B", "C"];

    // K = 3: a class is predicted when p >= 1/3.
    //   votes (5,3,0), p (.5,.4,.1)   -> truth {A,B}, predicted {A,B}
    //   votes (0,0,4), p (.2,.3,.5)   -> truth {C},   predicted {C}
    //   votes (2,0,2), p (.9,.05,.05) -> truth {A,C}, predicted {A}
    //   votes (0,1,0), p (.34,.33,.33)-> truth {B},   predicted {A}
    private static readonly double[][] Votes = [[5, 3, 0], [0, 0, 4], [2, 0, 2], [0, 1, 0]];
    private static readonly float[][] Posteriors = [[.5f, .4f, .1f], [.2f, .3f, .5f], [.9f, .05f, .05f], [.34f, .33f, .33f]];

    [Fact]
    public void MultiLabelMetricsByHand()
    {
        var v = VoteEvaluation.Compute(Posteriors, Votes, Classes);
        var m = v.MultiLabel;
        Assert.Equal(4, m.Num);
        // A: support 2, predicted 3, TP 2 -> P 2/3, R 1, F1 .8. B and C: support 2, predicted 1, TP 1 -> P 1, R .5, F1 2/3.
        Assert.Equal([2, 1, 1], m.TruePositives);
        Assert.Equal([2, 2, 2], m.Support);
        Assert.Equal([3, 1, 1], m.PredictedCount);
        Assert.Equal(0.8, m.PerClassF1[0], 12);
        Assert.Equal(2.0 / 3, m.PerClassF1[1], 12);
        Assert.Equal((0.8 + 4.0 / 3) / 3, m.MacroF1, 12);
        // Pooled: TP 4, predicted 5, true 6 -> P .8, R 2/3, F1 8/11.
        Assert.Equal(0.8, m.MicroPrecision, 12);
        Assert.Equal(8.0 / 11, m.MicroF1, 12);
        // Per utterance F1: 1, 1, 2/3, 0.
        Assert.Equal((2 + 2.0 / 3) / 4, m.SamplesF1, 12);
        Assert.Equal(0.5, m.SubsetAccuracy, 12);
    }

    [Fact]
    public void DistributionMetricsByHand()
    {
        // Utterance 2: t = (0,0,1), p = (.2,.3,.5), m = (.1,.15,.75): JS = ½·log2(1/.75) + ½·(.2·1 + .3·1 + .5·log2(.5/.75)) = 0.311278 bits.
        Assert.Equal(0.3112781244591328, DistributionMetrics.JsDivergence([0, 0, 1], [.2, .3, .5]), 12);
        Assert.Equal(1.0, DistributionMetrics.JsDivergence([1, 0], [0, 1]), 12);
        Assert.Equal(0.0, DistributionMetrics.JsDivergence([.3, .7], [.3, .7]), 12);
        var d = VoteEvaluation.Compute(Posteriors, Votes, Classes).Distribution;
        Assert.Equal(0.26250430492554355, d.MeanJsDivergence, 6);
        // Cross-entropy, e.g. utterance 1: −(5/8·ln .5 + 3/8·ln .4); vote entropy of (5/8, 3/8), (1), (1/2, 1/2), (1).
        Assert.Equal(1.0322955529975597, d.MeanCrossEntropy, 6);
        Assert.Equal((-(5.0 / 8 * Math.Log(5.0 / 8) + 3.0 / 8 * Math.Log(3.0 / 8)) + Math.Log(2)) / 4, d.MeanVoteEntropy, 12);
    }

    [Fact]
    public void TheTopClassIsAlwaysPredicted()
    {
        Assert.Equal([false, true, false, false], VoteEvaluation.Predicted([.22f, .31f, .24f, .23f]));
        Assert.Equal([false, true, false, false], VoteEvaluation.Predicted([.1f, .2f, .1f, .1f])); // even below 1/K (unnormalised scores)
        Assert.Equal([true, true, false, false], VoteEvaluation.Predicted([.25f, .26f, .25f - 1e-6f, .24f]));
    }

    [Fact]
    public void ResultsJsonCarriesTheVoteMetricsAndStillReadsBack()
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), ResultsFiles.ResultsFileName);
        var m = ClassificationMetrics.Compute([0, 2, 0, 1], [0, 2, 0, 0], Classes);
        var info = new EvaluationInfo("manifest", false, 2, 7);
        ResultsFiles.WriteResultsJson(path, m, info, VoteEvaluation.Compute(Posteriors, Votes, Classes));
        using (var doc = JsonDocument.Parse(File.ReadAllText(path)))
        {
            var root = doc.RootElement;
            var ml = root.GetProperty("multi_label");
            Assert.Contains(">= 1/K", ml.GetProperty("decision_rule").GetString());
            Assert.Equal((0.8 + 4.0 / 3) / 3, ml.GetProperty("macro_f1").GetDouble(), 12);
            Assert.Equal(3, ml.GetProperty("per_class").GetProperty("A").GetProperty("predicted").GetInt32());
            Assert.Equal(4, root.GetProperty("distribution").GetProperty("num").GetInt32());
            Assert.True(root.GetProperty("distribution").TryGetProperty("mean_js_divergence", out _));
            Assert.Equal(0.75, root.GetProperty("wa").GetDouble());
        }
        var back = ResultsFiles.ReadResultsJson(path);
        Assert.Equal(info, back.Info);
        Assert.Equal(m.MacroF1, back.Metrics.MacroF1);
    }
}
