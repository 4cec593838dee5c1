using System.Globalization;
using System.Text;
using SerKit.Corpus;
using SerKit.Evaluation;

namespace SerKit.Experiments;

/// <summary>Renders <c>results.md</c> of an experiment report.</summary>
internal static class ExperimentReportMarkdown
{
    /// <summary>Metrics of the per-fold tables.</summary>
    internal static readonly IReadOnlyList<string> PerFoldMetrics = ["macro_f1", "macro_precision", "macro_recall", "micro_f1", "ua"];

    private static readonly string[] SignificanceMetrics = ["macro_precision", "macro_recall", "macro_f1", "micro_f1", "ua"];
    private static readonly string[] MacroColumns = ["macro_precision", "macro_recall", "macro_f1"];
    private static readonly string[] MicroColumns = ["micro_precision", "micro_recall", "micro_f1", "ua", "wa"];

    /// <summary>How the tables are computed, in words (also in results.json).</summary>
    internal const string AggregationRule =
        "Each value is the mean ± sample standard deviation (n − 1 denominator) over the folds, where a fold's value is the mean over its seeds; "
        + "the standard deviation thus measures how much the speaker folds differ. Δ is a condition's mean minus the baseline's, in percentage points.";

    internal const string TestRule =
        "Significance: two-sided paired tests of each condition against the baseline over the (fold, seed) pairs, each run paired with the "
        + "baseline run of the same fold and seed; the paired t-test is the test of record (* marks p < 0.05), the Wilcoxon signed-rank and "
        + "sign-flip permutation tests are distribution-free checks; α = 0.05, no correction for multiple comparisons. Runs of the same fold "
        + "share their test speakers, so the pairs are not fully independent: read p-values near α with care.";

    internal const string PairRule =
        "Only the (fold, seed) pairs that every condition with results has finished enter a table, so every row is computed on the same runs.";

    public static string Render(ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        var p = c.Protocol;
        var sb = new StringBuilder();
        sb.Append("# Experiment report: ").AppendLine(p.Recipe).AppendLine();
        sb.AppendLine(Invariant($"Labelled corpus {p.Corpus}: {p.Classes.Count} classes ({string.Join(", ", p.Classes)}), labels by {p.LabelRule}; ")
            + Invariant($"{(p.SpeakerIndependent ? "speaker-independent" : "NOT speaker-independent")} folds: {p.Folds} × {p.TrainSpeakers}/{p.ValidSpeakers}/{p.TestSpeakers} speakers (train/validation/test); ")
            + Invariant($"seeds {string.Join(", ", p.Seeds)}; label fractions {string.Join(", ", p.LabelFractions.Order().Select(ExperimentRuns.Percent))}; ")
            + (c.HasSer ? Invariant($"conditions {string.Join(", ", p.Conditions)}; the baseline (`{p.Baseline}`) is the same network trained without pre-training.")
                : "no SER conditions (an attribute study alone).")
            + (p.AttributeConditions.Count > 0 ? Invariant($" Attribute conditions {string.Join(", ", p.AttributeConditions)} (attributes {string.Join(", ", p.Attributes)}).") : ""));
        sb.AppendLine();
        sb.AppendLine($"Written by SerKit {ExperimentReportContent.SerKitVersion} from the files of this folder only; `serkit report <folder>` rewrites it. "
            + "Every number is also in [results.json](results.json) (fractions, not percentages).");
        sb.AppendLine();
        if (c.HasSer) RenderSer(sb, c, plots);
        c.Attributes?.Render(sb, plots);
        Labels(sb, c, plots);
        Pretext(sb, c, plots);
        Protocol(sb, c);
        if (c.HasSer) Runs(sb, c);
        if (c.Notes.Count > 0)
        {
            sb.AppendLine("## Notes").AppendLine();
            foreach (var n in c.Notes) sb.Append("- ").AppendLine(n);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>The SER sections: main table, per-fold tables, label efficiency, confusion matrices, learning curves.</summary>
    private static void RenderSer(StringBuilder sb, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        var runs = c.Runs;
        var main = c.Main;
        if (runs.Missing.Count > 0)
            sb.AppendLine(Invariant($"> **Partial experiment:** {runs.Found.Count} of {runs.Expected.Count} runs have results; {runs.Missing.Count} {(runs.Missing.Count == 1 ? "is" : "are")} missing"))
              .AppendLine("> (still running, or left out with `folds.only`). The tables use only complete (fold, seed) pairs; see [Runs](#runs) for the list.")
              .AppendLine();
        else
            sb.AppendLine(Invariant($"All {runs.Expected.Count} runs have results.")).AppendLine();

        // Main table.
        sb.Append("## Main table: ").Append(ExperimentRuns.Percent(main.Fraction)).AppendLine(" of the training labels").AppendLine();
        if (main.Table is not { } table)
            sb.AppendLine(NoTable(c, main)).AppendLine();
        else
        {
            sb.AppendLine(AggregationRule + " " + TestRule + " " + PairRule).AppendLine();
            sb.AppendLine(PairsLine(c, main)).AppendLine();
            sb.AppendLine("### Macro precision, recall and F1 (the paper's table)").AppendLine();
            sb.AppendLine(table.ToMarkdown(MacroColumns, "macro_f1"));
            sb.AppendLine("### Micro precision, recall and F1, UA and WA").AppendLine();
            sb.AppendLine("For single-label classification micro precision, micro recall and micro F1 all equal WA (overall accuracy); UA is the mean per-class recall.").AppendLine();
            sb.AppendLine(table.ToMarkdown(MicroColumns, "micro_f1"));
            sb.AppendLine("### Significance against the baseline").AppendLine();
            if (table.Rows.Any(r => r.Tests.Count > 0))
                sb.AppendLine(table.ToSignificanceMarkdown(SignificanceMetrics))
                  .AppendLine("Micro precision, micro recall and WA equal micro F1 here, so their tests are the same (all are in results.json).").AppendLine();
            else
                sb.AppendLine("Fewer than two (fold, seed) pairs: no test.").AppendLine();
            PerFold(sb, c, main, table);
        }

        LabelEfficiency(sb, c, plots);

        // Confusion matrices and learning curves.
        sb.Append("## Confusion matrices (").Append(ExperimentRuns.Percent(main.Fraction)).AppendLine(" labels)").AppendLine();
        if (c.Confusions.Count == 0)
            sb.AppendLine("None yet (no main table).").AppendLine();
        else
        {
            sb.AppendLine("Summed over the runs (folds × seeds) of each condition in the main table; rows are the true classes, columns the predicted ones; "
                + "left the counts, right each row as a percentage of its true class (recall on the diagonal).").AppendLine();
            foreach (var m in c.Confusions)
                Image(sb, plots, "confusion", m.Condition, Invariant($"{m.Condition}: {m.Runs} runs, N = {m.Metrics.Num}, UA {Pct(m.Metrics.UA)} %, WA {Pct(m.Metrics.WA)} %"));
        }
        sb.Append("## Learning curves (").Append(ExperimentRuns.Percent(main.Fraction)).AppendLine(" labels)").AppendLine();
        if (c.Curves.Count == 0)
            sb.AppendLine("None yet (no main table).").AppendLine();
        else
        {
            sb.AppendLine("Fine-tuning curves per epoch: the mean over the runs (folds × seeds) of each condition in the main table, with a band of ± one "
                + "sample standard deviation. Runs stopped early by patience end sooner, so the last epochs average fewer runs (the count per epoch is in results.json). "
                + "Each run keeps the weights of its best validation macro-F1 epoch.").AppendLine();
            foreach (var curve in c.Curves)
            {
                int used = main.Pairs.Count - curve.MissingLogs.Count;
                var caption = Invariant($"{curve.Condition}: {used} of {main.Pairs.Count} training logs");
                if (curve.Average is null || !plots.Any(pl => pl.Kind == "learning_curves" && pl.Subject == curve.Condition))
                    sb.Append("- ").Append(caption).AppendLine(": no plot").AppendLine();
                else
                    Image(sb, plots, "learning_curves", curve.Condition, caption);
            }
        }
    }

    private static string NoTable(ExperimentReportContent c, ReportFraction f)
    {
        var withRuns = c.Runs.ConditionsWithRuns(f.Fraction);
        if (withRuns.Count == 0) return "No table yet: no run at this label fraction has results.";
        if (!withRuns.Contains(c.Protocol.Baseline)) return $"No table yet: the baseline '{c.Protocol.Baseline}' has no results at this label fraction.";
        return "No table yet: no (fold, seed) pair has been finished by every condition with results.";
    }

    private static string PairsLine(ExperimentReportContent c, ReportFraction f)
    {
        var sb = new StringBuilder();
        var expected = c.Protocol.Folds * c.Protocol.Seeds.Count;
        sb.Append(Invariant($"Runs per condition: {f.Pairs.Count} of {expected} (fold, seed) pairs"));
        if (f.Pairs.Count < expected) sb.Append(" (").Append(string.Join(", ", f.Pairs.Select(q => Invariant($"fold {q.Fold} seed {q.Seed}")))).Append(')');
        sb.Append('.');
        if (f.ConditionsWithoutRuns.Count > 0)
            sb.Append(" Conditions without any result yet, left out: ").Append(string.Join(", ", f.ConditionsWithoutRuns)).Append('.');
        if (f.Excluded.Count > 0)
            sb.Append(Invariant($" {f.Excluded.Count} finished run(s) left out because their (fold, seed) pair is incomplete: "))
              .Append(string.Join("; ", f.Excluded.Select(k => Invariant($"{k.Condition} fold {k.Fold} seed {k.Seed}")))).Append('.');
        return sb.ToString();
    }

    private static void PerFold(StringBuilder sb, ExperimentReportContent c, ReportFraction f, ComparisonTable table)
    {
        sb.Append("## Per-fold results (").Append(ExperimentRuns.Percent(f.Fraction)).AppendLine(" labels)").AppendLine();
        var folds = f.Pairs.Select(q => q.Fold).Distinct().Order().ToArray();
        int seeds = c.Protocol.Seeds.Count;
        sb.AppendLine(seeds > 1
            ? "Each cell is the mean over the fold's seeds (their standard deviation is in results.json); the last column is the mean ± std over folds of the main table."
            : "Each cell is the fold's single run; the last column is the mean ± std over folds of the main table.").AppendLine();
        foreach (var metric in PerFoldMetrics)
        {
            var label = ComparisonTable.MetricLabel(metric);
            sb.Append("### ").AppendLine(label.Column).AppendLine();
            sb.Append("| Condition | ").Append(string.Join(" | ", folds.Select(k => Invariant($"Fold {k}")))).AppendLine(" | Mean ± std |");
            sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", folds.Length + 1))).AppendLine("|");
            foreach (var row in table.Rows)
            {
                var s = row.Summary;
                var means = s.FoldMeans(metric);
                sb.Append("| ").Append(ComparisonTable.Escape(s.Condition));
                foreach (var k in folds)
                {
                    int i = s.Folds.ToList().IndexOf(k);
                    sb.Append(" | ").Append(i < 0 ? "—" : Pct(means[i]));
                }
                sb.Append(" | ").Append(s.Summary(metric).Format()).AppendLine(" |");
            }
            sb.AppendLine();
        }
    }

    private static void LabelEfficiency(StringBuilder sb, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        var p = c.Protocol;
        sb.AppendLine("## Label efficiency").AppendLine();
        sb.AppendLine("Macro F1 (%) with a share of the training speakers' labels (a class-stratified subset of each fold's training part, "
            + "drawn per run from its seed; validation and test sets unchanged). Mean ± std over folds as in the main table; each fraction uses its own complete (fold, seed) pairs.")
          .AppendLine();
        var fractions = c.Fractions;
        sb.Append("| Condition | ").Append(string.Join(" | ", fractions.Select(f => ExperimentRuns.Percent(f.Fraction)))).AppendLine(" |");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", fractions.Count))).AppendLine("|");
        foreach (var condition in p.Conditions)
        {
            sb.Append("| ").Append(ComparisonTable.Escape(condition));
            foreach (var f in fractions)
            {
                var row = f.Table?.Rows.FirstOrDefault(r => r.Summary.Condition == condition);
                sb.Append(" | ").Append(row is null ? "—" : row.Summary.Summary("macro_f1").Format());
            }
            sb.AppendLine(" |");
        }
        sb.AppendLine();
        sb.AppendLine("Gain over the baseline at the same fraction (percentage points of macro F1; * paired t-test p < 0.05):").AppendLine();
        sb.Append("| Condition | ").Append(string.Join(" | ", fractions.Select(f => "Δ " + ExperimentRuns.Percent(f.Fraction)))).AppendLine(" |");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", fractions.Count))).AppendLine("|");
        foreach (var condition in p.Conditions.Where(x => x != p.Baseline))
        {
            sb.Append("| ").Append(ComparisonTable.Escape(condition));
            foreach (var f in fractions)
            {
                var row = f.Table?.Rows.FirstOrDefault(r => r.Summary.Condition == condition);
                sb.Append(" | ");
                if (row is null) { sb.Append('—'); continue; }
                sb.Append(ComparisonTable.Signed(100 * row.Gains["macro_f1"]));
                if (row.Tests.TryGetValue("macro_f1", out var t))
                    sb.Append(" (p ").Append(ComparisonTable.FormatP(t.TTest.PValue)).Append(')').Append(t.TTest.PValue < ComparisonTable.Alpha ? "*" : "");
            }
            sb.AppendLine(" |");
        }
        sb.AppendLine();
        sb.Append("Runs per condition: ").Append(string.Join("; ", fractions.Select(f =>
            Invariant($"{ExperimentRuns.Percent(f.Fraction)}: {f.Pairs.Count} of {p.Folds * p.Seeds.Count}")))).AppendLine(".").AppendLine();
        Image(sb, plots, "label_efficiency", null, "Macro F1 against the share of training labels (mean ± std over folds)");
    }

    private static void Labels(StringBuilder sb, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        sb.AppendLine("## Label distributions").AppendLine();
        if (c.Labels is not { } l)
        {
            sb.AppendLine("Not available (see Notes).").AppendLine();
            return;
        }
        sb.AppendLine("Utterances per class of the labelled corpus and of each fold's training, validation and test speakers (from `labelled/manifest.csv` and `folds/`). "
            + "Label fractions below 100 % keep about the same class proportions (each class keeps round(fraction · n), at least one).").AppendLine();
        sb.Append("| Part | ").Append(string.Join(" | ", l.Labels.Select(ComparisonTable.Escape))).AppendLine(" | N |");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", l.Labels.Count + 1))).AppendLine("|");
        if (l.Corpus is { } corpus) CountsRow(sb, "corpus", corpus);
        foreach (var k in l.Folds)
            foreach (var split in Enum.GetValues<FoldSplit>())
                CountsRow(sb, Invariant($"fold {k} {ExperimentReport.SplitName(split)}"), l.Parts[(k, split)]);
        sb.AppendLine();
        foreach (var split in Enum.GetValues<FoldSplit>())
            Image(sb, plots, "labels", ExperimentReport.SplitName(split), $"Labels of the {ExperimentReport.SplitTitle(split)} speakers, per fold");
        Image(sb, plots, "labels", "corpus", "Labels of the labelled corpus");
    }

    private static void CountsRow(StringBuilder sb, string name, IReadOnlyList<int> counts)
    {
        sb.Append("| ").Append(name);
        foreach (var n in counts) sb.Append(" | ").Append(n.ToString(CultureInfo.InvariantCulture));
        sb.Append(" | ").Append(counts.Sum().ToString(CultureInfo.InvariantCulture)).AppendLine(" |");
    }

    private static void Pretext(StringBuilder sb, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        sb.AppendLine("## Pretext label distributions").AppendLine();
        if (c.Pretext.Count == 0)
        {
            sb.AppendLine("Not available (see Notes).").AppendLine();
            return;
        }
        sb.AppendLine("Pre-training labels per label set (`pretext/<set>/pretext.csv`; `shared`, or one set per fold when the labelled corpus's training videos are pre-trained on): "
            + "T1 energy and T2 facial activation low/high by median split, T3 the AU-rule emotion; an utterance without the evidence for a task has no label (its loss is masked).").AppendLine();
        sb.AppendLine("| Set | Utterances | T1 low | T1 high | T1 no label | T2 low | T2 high | T2 no label | T3 |");
        sb.AppendLine("|:--|--:|--:|--:|--:|--:|--:|--:|:--|");
        foreach (var s in c.Pretext)
        {
            sb.Append("| ").Append(s.Set).Append(" | ").Append(s.Utterances);
            foreach (var n in s.T1.Concat(s.T2)) sb.Append(" | ").Append(n);
            sb.Append(" | ").Append(string.Join(", ", s.T3Classes.Append("no label").Select((name, i) => Invariant($"{name} {s.T3[i]}")))).AppendLine(" |");
        }
        sb.AppendLine();
        foreach (var s in c.Pretext)
            Image(sb, plots, "pretext", s.Set, $"Pretext labels of set {s.Set}");
    }

    private static void Protocol(StringBuilder sb, ExperimentReportContent c)
    {
        var p = c.Protocol;
        sb.AppendLine("## Protocol").AppendLine();
        sb.AppendLine("From `protocol.json`, written by the runner before training.").AppendLine();
        sb.Append("- Recipe: ").AppendLine(p.Recipe);
        sb.AppendLine(Invariant($"- Labelled corpus: {p.Corpus}; {p.Utterances} utterances, {p.Speakers} speakers"));
        sb.Append("- Label rule: ").AppendLine(p.LabelRule);
        sb.AppendLine(Invariant($"- Classes ({p.Classes.Count}, output order): {string.Join(", ", p.Classes)}"));
        sb.AppendLine(Invariant($"- Folds: {p.Folds}, {p.TrainSpeakers} train / {p.ValidSpeakers} validation / {p.TestSpeakers} test speakers each; ")
            + (p.SpeakerIndependent ? "speaker-independent (no speaker in two of a fold's parts)" : "**NOT speaker-independent** (speakers may be shared between training and test)"));
        sb.Append(Invariant($"- Fold seed: {p.FoldSeed}"));
        if (c.FoldConstruction is { } construction) sb.Append("; construction ").Append(construction);
        sb.AppendLine();
        sb.AppendLine(Invariant($"- Fine-tuning seeds: {string.Join(", ", p.Seeds)} (every condition runs every seed on every fold)"));
        sb.AppendLine(Invariant($"- Label fractions: {string.Join(", ", p.LabelFractions.Order().Select(ExperimentRuns.Percent))} (main table: {ExperimentRuns.Percent(c.Runs.MainFraction)})"));
        sb.AppendLine(Invariant($"- Conditions: {string.Join(", ", p.Conditions)} (baseline `{p.Baseline}`: no pre-training)"));
        sb.Append("- Pre-training data: ");
        sb.Append(p.PretrainingCorpora.Count == 0 ? "none" : string.Join(", ", p.PretrainingCorpora.Select(kv => Invariant($"{kv.Key} ({kv.Value} utterances)"))));
        sb.Append(p.PretrainingHours is { } h ? Invariant($"; {h:0.##} hours") : "; hours unknown");
        sb.AppendLine(p.PretrainingPerFold
            ? "; pre-trained once per fold, adding that fold's training speakers' videos (never its validation or test speakers)"
            : "; one pre-training shared by all folds");
        if (p.Settings.Count > 0)
        {
            sb.AppendLine("- Settings:");
            foreach (var (k, v) in p.Settings) sb.Append("  - ").Append(k).Append(": ").AppendLine(v);
        }
        if (p.Versions.Count > 0)
        {
            sb.AppendLine("- Versions of the runs:");
            foreach (var (k, v) in p.Versions) sb.Append("  - ").Append(k).Append(": ").AppendLine(v);
        }
        sb.Append("- Report written by SerKit ").AppendLine(ExperimentReportContent.SerKitVersion);
        sb.AppendLine();
    }

    private static void Runs(StringBuilder sb, ExperimentReportContent c)
    {
        var runs = c.Runs;
        sb.AppendLine("## Runs").AppendLine();
        sb.AppendLine(Invariant($"{runs.Found.Count} of {runs.Expected.Count} runs (conditions × label fractions × folds × seeds) have a `results.json` under `runs/<condition>/labels<P>/fold<k>/seed<s>/`."));
        sb.AppendLine();
        if (runs.Missing.Count > 0)
        {
            sb.AppendLine("Missing (still running, or left out with `folds.only`):").AppendLine();
            foreach (var g in runs.Missing.GroupBy(k => (k.Condition, k.LabelFraction)))
                sb.Append("- ").Append(g.Key.Condition).Append(", ").Append(ExperimentRuns.Percent(g.Key.LabelFraction)).Append(" labels: ")
                  .AppendLine(string.Join(", ", g.Select(k => Invariant($"fold {k.Fold} seed {k.Seed}"))));
            sb.AppendLine();
        }
        var excluded = c.Fractions.SelectMany(f => f.Excluded).ToArray();
        if (excluded.Length > 0)
        {
            sb.AppendLine("Finished but left out of the tables (their (fold, seed) pair is missing for another condition):").AppendLine();
            foreach (var k in excluded) sb.Append("- ").AppendLine(k.ToString());
            sb.AppendLine();
        }
        if (runs.Ignored.Count > 0)
        {
            sb.AppendLine("Ignored `results.json` files (not in the protocol's layout):").AppendLine();
            foreach (var path in runs.Ignored) sb.Append("- `").Append(path).AppendLine("`");
            sb.AppendLine();
        }
    }

    internal static void Image(StringBuilder sb, IReadOnlyList<ReportPlot> plots, string kind, string? subject, string caption)
    {
        var plot = plots.FirstOrDefault(pl => pl.Kind == kind && pl.Subject == subject);
        if (plot is null) return;
        sb.Append("**").Append(caption).AppendLine("**").AppendLine();
        sb.Append("![").Append(caption.Replace("]", ")").Replace("[", "(")).Append("](").Append(plot.RelativePath).AppendLine(")").AppendLine();
    }

    private static string Pct(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
