using System.Text.Json;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Experiments;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Experiments;

public class ExperimentReportTests
{
    private static JsonElement Condition(JsonElement table, string name) =>
        table.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == name);

    private static double Metric(JsonElement condition, string metric, string what = "mean") =>
        condition.GetProperty("metrics").GetProperty(metric).GetProperty(what).GetDouble();

    private static JsonElement Cell(JsonElement report, string condition, double fraction) =>
        report.GetProperty("label_efficiency").GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("condition").GetString() == condition && c.GetProperty("label_fraction").GetDouble() == fraction);

    [Fact]
    public void CompleteExperimentGivesHandComputedNumbersAndEveryPlot()
    {
        var dir = HandMadeExperiment.Create();
        var result = ExperimentReport.Write(dir);
        Assert.True(result.Complete);
        Assert.Equal(36, result.ExpectedRuns);
        Assert.Equal(36, result.FoundRuns);
        Assert.Empty(result.Notes);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var report = doc.RootElement;
        Assert.Equal("serkit-experiment-report/1", report.GetProperty("format").GetString());
        Assert.Equal(1.0, report.GetProperty("main_label_fraction").GetDouble());
        Assert.Equal("fold_means", report.GetProperty("rules").GetProperty("aggregation").GetString());
        Assert.Equal(0.05, report.GetProperty("rules").GetProperty("alpha").GetDouble());
        Assert.Equal("hand-made corpus", report.GetProperty("protocol").GetProperty("corpus").GetString());
        Assert.True(report.GetProperty("runs").GetProperty("complete").GetBoolean());

        // Main table (100 %): each fold's value is the mean of its two seeds, then mean ± sample std over the folds.
        // baseline k: fold 1 (5, 6), fold 2 (6, 6), fold 3 (5, 7) → fold means 0.55, 0.60, 0.60 → mean 0.58333,
        //   deviations −0.0333, 0.0167, 0.0167 → Σ² = 0.0016667, / 2 → std 0.0288675.
        // T1 k: (7, 7), (7, 8), (6, 8) → 0.70, 0.75, 0.70 → mean 0.71667, std 0.0288675 (same deviations mirrored); gain 0.13333.
        // T1+T3 k: (8, 8), (7, 9), (8, 8) → 0.80 in every fold → mean 0.80, std 0; gain 0.21667.
        var main = report.GetProperty("main_table");
        Assert.Equal("fold_means", main.GetProperty("aggregation").GetString());
        var baseline = Condition(main, "baseline");
        var t1 = Condition(main, "T1");
        var t13 = Condition(main, "T1+T3");
        double std = Math.Sqrt(0.0016666666666666668 / 2);
        foreach (var metric in new[] { "macro_f1", "macro_precision", "macro_recall", "micro_f1", "micro_precision", "micro_recall", "ua", "wa" })
        {
            // Every metric of a cyclic confusion matrix is k/10, so micro and macro agree here (they differ in ComparisonTableTests).
            Assert.Equal(0.7 / 1.2, Metric(baseline, metric), 12);
            Assert.Equal(std, Metric(baseline, metric, "std"), 12);
            Assert.Equal(2.15 / 3, Metric(t1, metric), 12);
            Assert.Equal(std, Metric(t1, metric, "std"), 12);
            Assert.Equal(0.8, Metric(t13, metric), 12);
            Assert.Equal(0, Metric(t13, metric, "std"), 12);
            Assert.Equal(2.15 / 3 - 0.7 / 1.2, t1.GetProperty("gain").GetProperty(metric).GetDouble(), 12);
            Assert.Equal(0.8 - 0.7 / 1.2, t13.GetProperty("gain").GetProperty(metric).GetDouble(), 12);
        }
        Assert.Equal(new[] { 0.55, 0.6, 0.6 }, baseline.GetProperty("metrics").GetProperty("macro_f1").GetProperty("fold_means").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 12)));
        Assert.Equal(6, t1.GetProperty("runs").GetInt32());
        Assert.Equal("runs/t1/labels100/fold1/seed0/results.json", t1.GetProperty("folds_seeds")[0].GetProperty("results").GetString());
        // Paired over the six (fold, seed) runs: d = T1 − baseline = 0.2, 0.1, 0.1, 0.2, 0.1, 0.1 → mean 0.13333,
        // sd 0.0516398, t = 6.3245553 (t² = 40), 5 df: p = I_{1/9}(2.5, 0.5) = 0.00145658179 (mpmath.betainc).
        // Wilcoxon: all six differences positive → exact p = 2/2^6 = 0.03125.
        var tests = t1.GetProperty("tests").GetProperty("macro_f1");
        Assert.Equal(6.324555320336758, tests.GetProperty("t_test").GetProperty("statistic").GetDouble(), 9);
        Assert.Equal(0.00145658179429101, tests.GetProperty("t_test").GetProperty("p").GetDouble(), 10);
        Assert.Equal(0.03125, tests.GetProperty("wilcoxon").GetProperty("p").GetDouble(), 12);
        Assert.True(t1.GetProperty("tests").TryGetProperty("micro_f1", out _));
        Assert.True(t1.GetProperty("tests").TryGetProperty("ua", out _));

        // Per-fold rows: T1 fold 2 has k = 7, 8.
        var perFold = report.GetProperty("per_fold").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("condition").GetString() == "T1" && r.GetProperty("fold").GetInt32() == 2);
        Assert.Equal(0.75, perFold.GetProperty("metrics").GetProperty("macro_f1").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(new[] { 0.7, 0.8 }, perFold.GetProperty("metrics").GetProperty("micro_f1").GetProperty("values").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 12)));
        Assert.Equal(9, report.GetProperty("per_fold").GetProperty("rows").GetArrayLength());

        // Label efficiency: one cell per condition × fraction. At 25 %: baseline (3, 4), (4, 4), (3, 3) → 0.35, 0.40, 0.30
        // → 0.35 ± 0.05; T1 → 0.45, 0.50, 0.40 → 0.45 ± 0.05; T1+T3 → 0.50, 0.55, 0.45 → 0.50 ± 0.05.
        var cells = report.GetProperty("label_efficiency").GetProperty("cells");
        Assert.Equal(6, cells.GetArrayLength());
        foreach (var c in cells.EnumerateArray()) Assert.Equal("complete", c.GetProperty("status").GetString());
        Assert.Equal(0.35, Cell(report, "baseline", 0.25).GetProperty("macro_f1").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(0.05, Cell(report, "baseline", 0.25).GetProperty("macro_f1").GetProperty("std").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, Cell(report, "baseline", 0.25).GetProperty("gain").ValueKind);
        Assert.Equal(0.1, Cell(report, "T1", 0.25).GetProperty("gain").GetProperty("macro_f1").GetDouble(), 12);
        Assert.Equal(0.5, Cell(report, "T1+T3", 0.25).GetProperty("macro_f1").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(0.15, Cell(report, "T1+T3", 0.25).GetProperty("gain").GetProperty("macro_f1").GetDouble(), 12);
        Assert.Equal(0.8 - 0.7 / 1.2, Cell(report, "T1+T3", 1.0).GetProperty("gain").GetProperty("macro_f1").GetDouble(), 12);
        Assert.Equal(6, Cell(report, "T1", 1.0).GetProperty("tests").GetProperty("pairs").GetInt32());

        // Confusion of the baseline summed over its six runs: Σk = 35 right per class, 60 − 35 = 25 to the next class.
        var confusion = report.GetProperty("confusion_matrices").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == "baseline");
        Assert.Equal(180, confusion.GetProperty("num").GetInt32());
        var matrix = confusion.GetProperty("matrix");
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++)
                Assert.Equal(t == p ? 35 : p == (t + 1) % 3 ? 25 : 0, matrix[t][p].GetInt32());
        Assert.Equal(35 / 60.0, confusion.GetProperty("row_normalised")[1][1].GetDouble(), 12);

        // Learning curves of the baseline: fold 1 seed 0 stopped after epoch 3. valid_macro_f1 = 0.1·e + 0.01·seed:
        // epoch 1 over six runs 0.10 ×3, 0.11 ×3 → mean 0.105, std √(6 · 0.005² / 5); epoch 4 over five runs
        // (seed 0 twice, seed 1 three times) → (0.80 + 1.23) / 5 = 0.406.
        var curves = report.GetProperty("learning_curves").EnumerateArray().Single(c => c.GetProperty("condition").GetString() == "baseline");
        Assert.Equal(6, curves.GetProperty("runs").GetInt32());
        Assert.Equal(new[] { 1, 2, 3, 4 }, curves.GetProperty("epochs").EnumerateArray().Select(e => e.GetInt32()));
        var f1 = curves.GetProperty("columns").GetProperty("valid_macro_f1");
        Assert.Equal(0.105, f1.GetProperty("mean")[0].GetDouble(), 12);
        Assert.Equal(Math.Sqrt(6 * 0.005 * 0.005 / 5), f1.GetProperty("std")[0].GetDouble(), 12);
        Assert.Equal(0.406, f1.GetProperty("mean")[3].GetDouble(), 12);
        Assert.Equal(new[] { 6, 6, 6, 5 }, f1.GetProperty("n").EnumerateArray().Select(n => n.GetInt32()));

        // Label distributions: the corpus, and each fold's parts add up to it.
        var utterances = HandMadeExperiment.Utterances();
        var labels = report.GetProperty("label_distributions");
        foreach (var cls in HandMadeExperiment.Classes)
            Assert.Equal(utterances.Count(u => u.Label == cls), labels.GetProperty("corpus").GetProperty(cls).GetInt32());
        var folds = SpeakerFolds.Read(Path.Combine(dir, "folds", "folds.json"));
        Assert.Equal(3, labels.GetProperty("folds").GetArrayLength());
        foreach (var fold in labels.GetProperty("folds").EnumerateArray())
        {
            var k = fold.GetProperty("fold").GetInt32();
            foreach (var cls in HandMadeExperiment.Classes)
            {
                int train = fold.GetProperty("train").GetProperty(cls).GetInt32();
                Assert.Equal(utterances.Count(u => u.Label == cls && folds.Folds[k - 1].Train.Contains(u.Speaker!)), train);
                Assert.Equal(utterances.Count(u => u.Label == cls),
                    train + fold.GetProperty("valid").GetProperty(cls).GetInt32() + fold.GetProperty("test").GetProperty(cls).GetInt32());
            }
        }

        // Pretext label distribution.
        var pretext = report.GetProperty("pretext_distributions").EnumerateArray().Single();
        Assert.Equal("shared", pretext.GetProperty("set").GetString());
        Assert.Equal(12, pretext.GetProperty("utterances").GetInt32());
        Assert.Equal(5, pretext.GetProperty("t1").GetProperty("high").GetInt32());
        Assert.Equal(2, pretext.GetProperty("t1").GetProperty("no_label").GetInt32());
        Assert.Equal(4, pretext.GetProperty("t2").GetProperty("no_label").GetInt32());
        Assert.Equal(6, pretext.GetProperty("t3").GetProperty("neutral").GetInt32());
        Assert.Equal(3, pretext.GetProperty("t3").GetProperty("no_label").GetInt32());

        // Every plot exists, is a PNG of plausible size, and is linked from results.md with its relative path.
        var md = File.ReadAllText(Path.Combine(dir, "results.md"));
        var expectedPlots = new[]
        {
            "confusion_baseline.png", "confusion_t1.png", "confusion_t1+t3.png",
            "learning_curves_baseline.png", "learning_curves_t1.png", "learning_curves_t1+t3.png",
            "label_efficiency.png", "labels_train.png", "labels_valid.png", "labels_test.png", "labels_corpus.png", "pretext_shared.png",
        };
        Assert.Equal(expectedPlots.Order(), result.Plots.Select(p => Path.GetFileName(p.RelativePath)).Order());
        Assert.Equal(expectedPlots.Length, report.GetProperty("plots").GetArrayLength());
        foreach (var name in expectedPlots)
        {
            var (w, h) = PngFile.Size(Path.Combine(dir, "plots", name));
            Assert.True(w >= 600 && w <= 4000 && h >= 400 && h <= 1200, $"{name}: {w}×{h}");
            Assert.Contains($"](plots/{name})", md);
        }

        // results.md: the protocol, the rule, both tables, micro metrics.
        Assert.Contains("All 36 runs have results.", md);
        Assert.Contains("## Main table: 100 % of the training labels", md);
        Assert.Contains("| Condition | Runs | Macro precision (%) | Macro recall (%) | Macro F1 (%) | ΔP | ΔR | ΔF1 | p F1 (t-test) | p F1 (Wilcoxon) |", md);
        Assert.Contains("| Micro precision (%) | Micro recall (%) | Micro F1 (%) | UA (%) | WA (%) |", md);
        Assert.Contains("| baseline | 6 (3 folds) | 58.3 ± 2.9 | 58.3 ± 2.9 | 58.3 ± 2.9 | — | — | — | — | — |", md);
        Assert.Contains("| T1 | 6 (3 folds) | 71.7 ± 2.9* | 71.7 ± 2.9* | 71.7 ± 2.9* | +13.3 | +13.3 | +13.3 | 0.001 | 0.031 |", md);
        Assert.Contains("a fold's value is the mean over its seeds", md);
        Assert.Contains("α = 0.05", md);
        Assert.Contains("| Condition | 25 % | 100 % |", md);
        Assert.Contains("| T1+T3 | 50.0 ± 5.0 | 80.0 ± 0.0 |", md);
        Assert.Contains("| T1 | +10.0 (p ", md);
        Assert.Contains("### Macro F1 (%)", md);
        Assert.Contains("| T1 | 70.0 | 75.0 | 70.0 | 71.7 ± 2.9 |", md);
        Assert.Contains("speaker-independent (no speaker in two of a fold's parts)", md);
        Assert.Contains("- Fold seed: 7; construction serkit-speaker-folds-1", md);
        Assert.Contains("- Pre-training data: videos (12 utterances); 1.5 hours; one pre-training shared by all folds", md);
        Assert.Contains("  - serkit: test", md);

        // The report is not taken for a run, and rewriting it gives the same files.
        Assert.Equal(36, ResultsFiles.FindResults(dir).Count);
        var json = File.ReadAllText(Path.Combine(dir, "results.json"));
        ExperimentReport.Write(dir);
        Assert.Equal(json, File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal(md, File.ReadAllText(Path.Combine(dir, "results.md")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void PartialExperimentUsesCompletePairsAndListsTheMissingRuns()
    {
        var dir = HandMadeExperiment.Create();
        // T1+T3 at 100 % has not finished fold 3 seed 1; T1 at 25 % has not started; a stray results.json lies elsewhere.
        Directory.Delete(Path.Combine(dir, HandMadeExperiment.RunFolder("T1+T3", 1.0, 3, 1)), true);
        Directory.Delete(Path.Combine(dir, "runs", "t1", "labels25"), true);
        var stray = Path.Combine(dir, "runs", "baseline", "labels100", "fold1", "old", "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        File.Copy(Path.Combine(dir, HandMadeExperiment.RunFolder("baseline", 1.0, 1, 0), "results.json"), stray);

        var result = ExperimentReport.Write(dir);
        Assert.False(result.Complete);
        Assert.Equal(29, result.FoundRuns);
        Assert.Equal(7, result.Missing.Count);
        Assert.Contains(new ExperimentRunKey("T1+T3", 1.0, 3, 1), result.Missing);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var report = doc.RootElement;
        var runs = report.GetProperty("runs");
        Assert.False(runs.GetProperty("complete").GetBoolean());
        Assert.Equal(7, runs.GetProperty("missing").GetArrayLength());
        Assert.Equal("runs/baseline/labels100/fold1/old/results.json", runs.GetProperty("ignored")[0].GetString());
        // Pair (fold 3, seed 1) is incomplete at 100 %, so the baseline's and T1's runs of that pair are left out.
        var excluded = runs.GetProperty("excluded").EnumerateArray().Select(e => (e.GetProperty("condition").GetString()!, e.GetProperty("fold").GetInt32(), e.GetProperty("seed").GetInt64())).ToArray();
        Assert.Equal(new[] { ("baseline", 3, 1L), ("T1", 3, 1L) }, excluded);

        // Main table on five pairs: baseline fold means 0.55, 0.60, 0.50 → 0.55 ± 0.05;
        // T1 0.70, 0.75, 0.60 → 0.68333, deviations 0.0167, 0.0667, −0.0833 → Σ² = 0.0116667 / 2 → std 0.0763763.
        var main = report.GetProperty("main_table");
        var baseline = Condition(main, "baseline");
        var t1 = Condition(main, "T1");
        Assert.Equal(5, baseline.GetProperty("runs").GetInt32());
        Assert.Equal(0.55, Metric(baseline, "macro_f1"), 12);
        Assert.Equal(0.05, Metric(baseline, "macro_f1", "std"), 12);
        Assert.Equal(2.05 / 3, Metric(t1, "macro_f1"), 12);
        Assert.Equal(Math.Sqrt(0.035 / 3 / 2), Metric(t1, "micro_f1", "std"), 12);
        Assert.Equal(2.05 / 3 - 0.55, t1.GetProperty("gain").GetProperty("macro_f1").GetDouble(), 12);

        // Label efficiency keeps one cell per condition × fraction; T1 at 25 % has none.
        Assert.Equal(6, report.GetProperty("label_efficiency").GetProperty("cells").GetArrayLength());
        var empty = Cell(report, "T1", 0.25);
        Assert.Equal("no_runs", empty.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("macro_f1").ValueKind);
        Assert.Equal("partial", Cell(report, "T1", 1.0).GetProperty("status").GetString());
        Assert.Equal("complete", Cell(report, "T1+T3", 0.25).GetProperty("status").GetString());
        Assert.Equal(0.15, Cell(report, "T1+T3", 0.25).GetProperty("gain").GetProperty("macro_f1").GetDouble(), 12);

        var md = File.ReadAllText(Path.Combine(dir, "results.md"));
        Assert.Contains("> **Partial experiment:** 29 of 36 runs have results; 7 are missing", md);
        Assert.Contains("Runs per condition: 5 of 6 (fold, seed) pairs (fold 1 seed 0, fold 1 seed 1, fold 2 seed 0, fold 2 seed 1, fold 3 seed 0).", md);
        Assert.Contains("- T1, 25 % labels: fold 1 seed 0, fold 1 seed 1, fold 2 seed 0, fold 2 seed 1, fold 3 seed 0, fold 3 seed 1", md);
        Assert.Contains("- T1+T3, 100 % labels: fold 3 seed 1", md);
        Assert.Contains("- baseline, 100 % labels, fold 3, seed 1", md);
        Assert.Contains("`runs/baseline/labels100/fold1/old/results.json`", md);
        Assert.Contains("| T1 | — | 68.3 ± 7.6 |", md);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ExperimentWithoutResultsYetGetsAReportSayingSo()
    {
        var dir = HandMadeExperiment.Create();
        Directory.Delete(Path.Combine(dir, "runs"), true);
        var result = ExperimentReport.Write(dir);
        Assert.Equal(0, result.FoundRuns);
        Assert.Equal(36, result.Missing.Count);
        // Only the label and pretext distributions can be drawn.
        Assert.Equal(new[] { "labels", "labels", "labels", "labels", "pretext" }, result.Plots.Select(p => p.Kind));
        var md = File.ReadAllText(Path.Combine(dir, "results.md"));
        Assert.Contains("> **Partial experiment:** 0 of 36 runs have results; 36 are missing", md);
        Assert.Contains("No table yet: no run at this label fraction has results.", md);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("main_table").ValueKind);
        Assert.All(doc.RootElement.GetProperty("label_efficiency").GetProperty("cells").EnumerateArray(),
            c => Assert.Equal("no_runs", c.GetProperty("status").GetString()));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void RunThatContradictsItsFolderIsRefused()
    {
        var dir = HandMadeExperiment.Create();
        var path = Path.Combine(dir, HandMadeExperiment.RunFolder("baseline", 1.0, 2, 1), "results.json");
        ResultsFiles.WriteResultsJson(path, ClassificationMetrics.FromConfusion(HandMadeExperiment.Cyclic(5), HandMadeExperiment.Classes),
            new EvaluationInfo("hand-made-study", true, 2, 1, "T1", "test", 1.0));
        var e = Assert.Throws<InvalidDataException>(() => ExperimentReport.Write(dir));
        Assert.Contains(path, e.Message);
        Assert.Contains("condition is 'T1'", e.Message);
        Assert.Contains("baseline, 100 % labels, fold 2, seed 1", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "results.md")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void CliWritesTheReport()
    {
        var dir = HandMadeExperiment.Create();
        Directory.Delete(Path.Combine(dir, "pretext"), true);
        var (code, output, error) = CliRunner.InProcess("report", dir);
        Assert.True(code == 0, error);
        Assert.Contains("all 36 runs have results", output);
        Assert.Contains("note: no pretext label distributions: pretext/ not found", output);
        Assert.Contains("and 11 plots", output);
        Assert.True(File.Exists(Path.Combine(dir, "results.md")));
        Assert.Contains("## Notes", File.ReadAllText(Path.Combine(dir, "results.md")));

        var empty = RepoPaths.NewTempFolder();
        (code, _, error) = CliRunner.InProcess("report", empty);
        Assert.Equal(1, code);
        Assert.Contains("serkit report:", error);
        Assert.Contains("protocol.json", error);
        Directory.Delete(dir, true);
        Directory.Delete(empty, true);
    }
}
