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
        var rng = new SplitMix64((ulong)(condition.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) * 1000 + (ulong)(fold * 10 + seed));
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
}
