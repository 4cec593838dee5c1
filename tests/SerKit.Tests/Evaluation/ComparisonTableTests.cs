using System.Text.Json;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Evaluation;

public class ComparisonTableTests
{
    private static readonly string[] Classes = { "ANG", "DIS", "FEA", "HAP", "NEU", "SAD" };

    [Fact]
    public void MeanStdUsesTheSampleStandardDeviation()
    {
        // [0.5, 0.6, 0.7]: mean 0.6, squared deviations 0.01 + 0 + 0.01 = 0.02, / (3 − 1) → std 0.1
        // (the population std, / 3, would be 0.0816).
        var s = MeanStd.Of(new[] { 0.5, 0.6, 0.7 });
        Assert.Equal(0.6, s.Mean, 1e-15);
        Assert.Equal(0.1, s.Std, 1e-15);
        Assert.Equal("60.0 ± 10.0", s.Format());
        Assert.Equal("0.600 ± 0.100", s.Format(1, 3));
        var one = MeanStd.Of(new[] { 0.42 });
        Assert.True(double.IsNaN(one.Std));
        Assert.Equal("42.0", one.Format());
        Assert.Throws<ArgumentException>(() => MeanStd.Of(Array.Empty<double>()));
    }

    /// <summary>A run whose predictions are right with probability <paramref name="accuracy"/>, seeded by condition, fold and seed.</summary>
    private static EvaluationResult Run(string condition, int fold, long seed, double accuracy)
    {
        // A stable seed per condition (string.GetHashCode differs from process to process, which made this data, and the test, vary).
        ulong conditionSeed = condition.Aggregate(17UL, (h, ch) => h * 31 + ch) & 0x7fffffff;
        var rng = new SplitMix64(conditionSeed * 1000 + (ulong)(fold * 10 + seed));
        var truth = Enumerable.Range(0, 60).Select(i => i % 6).ToArray();
        var pred = truth.Select(t => (rng.Next() >> 11) * (1.0 / (1UL << 53)) < accuracy ? t : (int)rng.NextBelow(6)).ToArray();
        var m = ClassificationMetrics.Compute(truth, pred, Classes);
        return new EvaluationResult(new EvaluationInfo("demo-speaker-folds", true, fold, seed, condition, "test"), m, $"{condition}/fold{fold}/seed{seed}/results.json");
    }

    private static List<EvaluationResult> Runs(string condition, double accuracy, int folds = 5, int seeds = 2)
    {
        var list = new List<EvaluationResult>();
        for (int f = 1; f <= folds; f++)
            for (long s = 1; s <= seeds; s++)
                list.Add(Run(condition, f, s, accuracy));
        return list;
    }

    [Fact]
    public void TablePairsRunsByFoldAndSeedAndTestsAgainstTheBaseline()
    {
        var results = Runs("T1", 0.55).Concat(Runs("baseline", 0.4)).Concat(Runs("T1+T2+T3", 0.7)).ToList();
        // Shuffle so pairing cannot rely on input order.
        new SplitMix64(1).Shuffle(results);
        var table = ComparisonTable.Build(results, "baseline", new[] { "baseline", "T1+T2+T3", "T1" });

        Assert.Equal(new[] { "baseline", "T1+T2+T3", "T1" }, table.Rows.Select(r => r.Summary.Condition));
        Assert.True(table.Rows[0].IsBaseline);
        Assert.Empty(table.Rows[0].Tests);

        var baseline = table.Rows[0].Summary;
        var full = table.Rows[1];
        Assert.Equal(10, full.Summary.Runs.Count);
        var a = full.Summary.Values("macro_f1");
        var b = baseline.Values("macro_f1");
        // Pairs line up by (fold, seed), whatever the input order.
        for (int i = 0; i < a.Count; i++)
            Assert.Equal(ConditionSummary.RunKey(full.Summary.Runs[i]), ConditionSummary.RunKey(baseline.Runs[i]));
        Assert.Equal(a.Average() - b.Average(), full.Gains["macro_f1"], 1e-15);
        var t = PairedTests.TTest(a, b);
        Assert.Equal(t.PValue, full.Tests["macro_f1"].TTest.PValue);
        Assert.True(full.Gains["macro_f1"] > 0.15); // 0.7 vs 0.4 accuracy: a clear gain
        Assert.True(full.Tests["macro_f1"].TTest.PValue < 1e-4);
        // 10 pairs all positive: exact Wilcoxon and sign-flip floors 2/1024.
        Assert.Equal(2 / 1024.0, full.Tests["macro_f1"].Wilcoxon.PValue, 1e-15);
        Assert.Equal(2 / 1024.0, full.Tests["macro_f1"].SignFlip.PValue, 1e-15);

        var md = table.ToMarkdown();
        Assert.Contains("| Condition | Runs | Macro precision (%) | Macro recall (%) | Macro F1 (%) |", md);
        Assert.Contains("| baseline | 10 | ", md);
        Assert.Contains($"| T1+T2+T3 | 10 | {full.Summary.MacroPrecision.Format()}*", md);
        Assert.Contains("sample standard deviation (n − 1 denominator) over 10 runs (5 folds × 2 seeds)", md);
        Assert.Contains("(speaker-independent)", md);
        Assert.Contains("smallest possible Wilcoxon p is 2/2^10 = 0.002", md);

        var dir = RepoPaths.NewTempFolder();
        table.WriteJson(Path.Combine(dir, "results.json"));
        table.WriteMarkdown(Path.Combine(dir, "results.md"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json"))))
        {
            var c = doc.RootElement.GetProperty("conditions");
            Assert.Equal(3, c.GetArrayLength());
            Assert.Equal("baseline", c[0].GetProperty("condition").GetString());
            Assert.False(c[0].TryGetProperty("tests", out _));
            Assert.Equal(full.Summary.MacroF1.Std, c[1].GetProperty("metrics").GetProperty("macro_f1").GetProperty("std").GetDouble());
            Assert.Equal(t.PValue, c[1].GetProperty("tests").GetProperty("macro_f1").GetProperty("t_test").GetProperty("p").GetDouble());
        }
        Assert.Equal(md, File.ReadAllText(Path.Combine(dir, "results.md")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ReadsBackWrittenResultsFolders()
    {
        var dir = RepoPaths.NewTempFolder();
        foreach (var r in Runs("baseline", 0.4, 3, 1).Concat(Runs("T2", 0.5, 3, 1)))
            ResultsFiles.WriteResultsJson(Path.Combine(dir, r.Info.Condition!, $"fold{r.Info.Fold}", "results.json"), r.Metrics, r.Info);
        var table = ComparisonTable.Build(ResultsFiles.ReadAll(dir));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(3, table.Rows[1].Summary.Runs.Count);
        Assert.Contains("3 runs (3 folds × 1 seed)", table.ToMarkdown());
        // The table's JSON names each run's file relative to itself.
        table.WriteJson(Path.Combine(dir, "results.json"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json"))))
            Assert.Equal("T2/fold1/results.json", doc.RootElement.GetProperty("conditions")[1].GetProperty("folds_seeds")[0].GetProperty("results").GetString());
        Assert.Equal(6, ResultsFiles.ReadAll(dir).Count);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void RunsThatDoNotPairAreRefused()
    {
        var missing = Runs("baseline", 0.4).Concat(Runs("T1", 0.5).Where(r => !(r.Info.Fold == 3 && r.Info.Seed == 2)));
        var e = Assert.Throws<ArgumentException>(() => ComparisonTable.Build(missing));
        Assert.Contains("condition 'T1' does not pair with the baseline 'baseline': missing fold 3, seed 2.", e.Message);

        var duplicate = Runs("baseline", 0.4).Concat(Runs("T1", 0.5)).Append(Run("T1", 1, 1, 0.3));
        Assert.Contains("has 2 runs for fold 1, seed 1", Assert.Throws<ArgumentException>(() => ComparisonTable.Build(duplicate)).Message);

        Assert.Contains("no results for the baseline 'baseline' (conditions: T1)",
            Assert.Throws<ArgumentException>(() => ComparisonTable.Build(Runs("T1", 0.5))).Message);
    }

    [Fact]
    public void SingleRunHasNoStdAndNoTest()
    {
        var table = ComparisonTable.Build(new[] { Run("baseline", 1, 1, 0.4), Run("T3", 1, 1, 0.6) });
        Assert.Empty(table.Rows[1].Tests);
        var md = table.ToMarkdown();
        Assert.Contains("A single run per condition", md);
        Assert.DoesNotContain("±", md);
    }
    private static readonly string[] ThreeClasses = { "ANG", "HAP", "NEU" };

    /// <summary>10 utterances per class, k right and 10 − k given to the next class: every metric is k/10.</summary>
    private static ClassificationMetrics Cyclic(int k)
    {
        var m = new int[3, 3];
        for (int c = 0; c < 3; c++) { m[c, c] = k; m[c, (c + 1) % 3] = 10 - k; }
        return ClassificationMetrics.FromConfusion(m, ThreeClasses);
    }

    /// <summary>
    /// Truth rows [[8, 2, 0], [0, 4, 0], [0, 0, 6]]: precision 1, 2/3, 1; recall 0.8, 1, 1; F1 8/9, 0.8, 1 →
    /// macro-F1 (8/9 + 1.8) / 3 = 0.896296, micro-F1 = WA = 18/20 = 0.9, UA (0.8 + 1 + 1) / 3 = 0.933333.
    /// </summary>
    private static ClassificationMetrics Unbalanced() =>
        ClassificationMetrics.FromConfusion(new[,] { { 8, 2, 0 }, { 0, 4, 0 }, { 0, 0, 6 } }, ThreeClasses);

    private static EvaluationResult Result(string condition, int fold, long seed, ClassificationMetrics m) =>
        new(new EvaluationInfo("hand", true, fold, seed, condition, "test"), m);

    [Fact]
    public void FoldMeansAndMicroMetricsByHand()
    {
        var results = new[]
        {
            Result("baseline", 1, 1, Cyclic(5)), Result("baseline", 1, 2, Cyclic(7)),
            Result("baseline", 2, 1, Cyclic(6)), Result("baseline", 2, 2, Cyclic(6)),
            Result("T1", 1, 1, Unbalanced()), Result("T1", 1, 2, Unbalanced()),
            Result("T1", 2, 1, Unbalanced()), Result("T1", 2, 2, Cyclic(9)),
        };
        double macroB = (8.0 / 9 + 1.8) / 3;
        Assert.Equal(macroB, Unbalanced().MacroF1, 15);

        var table = ComparisonTable.Build(results, options: new ComparisonOptions { Metrics = ComparisonTable.AllMetrics, Aggregation = RunAggregation.FoldMeans });
        var baseline = table.Rows[0].Summary;
        var t1 = table.Rows[1];
        // Baseline fold means 0.6 and 0.6: std 0 over folds (over the four runs it would be √(0.02 / 3) = 0.0816).
        Assert.Equal(new[] { 0.6, 0.6 }, baseline.FoldMeans("macro_f1").Select(v => Math.Round(v, 12)));
        Assert.Equal(0, baseline.MacroF1.Std, 12);
        Assert.Equal(2, baseline.MacroF1.N);
        // T1 macro-F1 fold means: fold 1 macroB, fold 2 (macroB + 0.9) / 2; std = |difference| / √2.
        double fold2 = (macroB + 0.9) / 2;
        Assert.Equal((macroB + fold2) / 2, t1.Summary.MacroF1.Mean, 12);
        Assert.Equal(Math.Abs(fold2 - macroB) / Math.Sqrt(2), t1.Summary.MacroF1.Std, 12);
        // Micro-F1 0.9 in every run: 0.9 ± 0, gain 0.3 over the baseline's 0.6. UA: 0.93333 and (0.93333 + 0.9) / 2.
        Assert.Equal(0.9, t1.Summary.Summary("micro_f1").Mean, 12);
        Assert.Equal(0, t1.Summary.Summary("micro_f1").Std, 12);
        Assert.Equal(0.3, t1.Gains["micro_f1"], 12);
        Assert.Equal((2.8 / 3 + (2.8 / 3 + 0.9) / 2) / 2, t1.Summary.UA.Mean, 12);
        Assert.Equal(0.325, t1.Gains["ua"], 12);
        // Tests pair the runs by (fold, seed) whatever the aggregation, for every compared metric.
        var runsMacro = new[] { macroB, macroB, macroB, 0.9 };
        Assert.Equal(PairedTests.TTest(runsMacro, new[] { 0.5, 0.7, 0.6, 0.6 }).PValue, t1.Tests["macro_f1"].TTest.PValue, 15);
        Assert.Equal(PairedTests.TTest(new[] { 0.9, 0.9, 0.9, 0.9 }, new[] { 0.5, 0.7, 0.6, 0.6 }).PValue, t1.Tests["micro_f1"].TTest.PValue, 15);
        Assert.Equal(ComparisonTable.AllMetrics.Order(), t1.Tests.Keys.Order());

        var md = table.ToMarkdown(new[] { "micro_f1", "ua" }, "ua");
        Assert.Contains("| Condition | Runs | Micro F1 (%) | UA (%) | Δ micro F1 | ΔUA | p UA (t-test) | p UA (Wilcoxon) |", md);
        Assert.Contains("| baseline | 4 (2 folds) | 60.0 ± 0.0 | 60.0 ± 0.0 | — | — | — | — |", md);
        Assert.Contains("| T1 | 4 (2 folds) | 90.0 ± 0.0", md);
        Assert.Contains("| +30.0 | +32.5 |", md);
        Assert.Contains("over 2 folds, each fold's value the mean of its seeds (4 runs: 2 folds × 2 seeds)", md);
        Assert.Contains("p: two-sided paired tests of UA against the baseline", md);
        var significance = table.ToSignificanceMarkdown(new[] { "macro_f1" });
        Assert.Contains("| T1 | macro-F1 | 4 | +", significance);
        Assert.DoesNotContain("micro", significance);

        // The same runs summarised over all runs: the baseline's std is over its four runs.
        var allRuns = ComparisonTable.Build(results);
        Assert.Equal(Math.Sqrt(0.02 / 3), allRuns.Rows[0].Summary.MacroF1.Std, 12);
        Assert.Equal(ComparisonTable.ComparedMetrics.Order(), allRuns.Rows[1].Tests.Keys.Order());

        var dir = RepoPaths.NewTempFolder();
        table.WriteJson(Path.Combine(dir, "table.json"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "table.json"))))
        {
            Assert.Equal("fold_means", doc.RootElement.GetProperty("aggregation").GetString());
            var ua = doc.RootElement.GetProperty("conditions")[1].GetProperty("metrics").GetProperty("ua");
            Assert.Equal(2, ua.GetProperty("fold_means").GetArrayLength());
            Assert.Equal(4, ua.GetProperty("values").GetArrayLength());
        }
        Directory.Delete(dir, true);

        Assert.Contains("unknown metric 'f2'", Assert.Throws<ArgumentException>(() =>
            ComparisonTable.Build(results, options: new ComparisonOptions { Metrics = new[] { "f2" } })).Message);
    }
}
