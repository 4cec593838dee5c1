using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.IO;

namespace SerKit.Evaluation;

/// <summary>
/// The paper-style table: one row per condition (baseline, T1, T2, T3, T1+T2+T3, …) with macro
/// precision, recall and F1 (or any metrics of <see cref="AllMetrics"/>) as mean ± sample std over the
/// same folds × seeds (or over folds, seeds averaged within each fold), the gain over the baseline, and
/// paired significance tests against the baseline over the (fold, seed) pairs.
/// </summary>
public sealed class ComparisonTable
{
    /// <summary>The default compared metrics: macro precision, recall and F1.</summary>
    public static readonly IReadOnlyList<string> ComparedMetrics = new[] { "macro_precision", "macro_recall", "macro_f1" };

    /// <summary>Significance level of the markers in the Markdown table.</summary>
    public const double Alpha = 0.05;

    /// <summary>Every metric the table can compare: macro and micro precision / recall / F1, UA and WA.</summary>
    public static readonly IReadOnlyList<string> AllMetrics = new[]
    {
        "macro_precision", "macro_recall", "macro_f1", "micro_precision", "micro_recall", "micro_f1", "ua", "wa",
    };

    private ComparisonTable(string baseline, IReadOnlyList<ConditionComparison> rows, ComparisonOptions options)
    {
        Baseline = baseline;
        Rows = rows;
        Metrics = options.Metrics.ToArray();
        Aggregation = options.Aggregation;
    }

    /// <summary>Name of the baseline condition.</summary>
    public string Baseline { get; }

    /// <summary>The rows, baseline first.</summary>
    public IReadOnlyList<ConditionComparison> Rows { get; }

    /// <summary>The compared metrics: gains and paired tests are computed for these, and <see cref="ToMarkdown()"/> shows them.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>How mean ± std are computed (the paired tests always pair runs by (fold, seed)).</summary>
    public RunAggregation Aggregation { get; }

    /// <summary>
    /// Groups <paramref name="results"/> by <see cref="EvaluationInfo.Condition"/> and compares every
    /// condition with <paramref name="baseline"/>. Each condition must have been run on exactly the
    /// baseline's (fold, seed) pairs. Rows follow <paramref name="order"/> when given (conditions not in
    /// it come after, in order of first appearance), else the order of first appearance; the baseline
    /// is always first. <paramref name="options"/> chooses the compared metrics (default macro P/R/F1)
    /// and the aggregation of mean ± std (default over all runs).
    /// </summary>
    /// <exception cref="ArgumentException">A result has no condition, the baseline is missing, the runs do not pair up, or a metric is unknown.</exception>
    public static ComparisonTable Build(IEnumerable<EvaluationResult> results, string baseline = "baseline", IReadOnlyList<string>? order = null,
        ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        options ??= new ComparisonOptions();
        if (options.Metrics.Count == 0) throw new ArgumentException("give at least one metric to compare", nameof(options));
        var unknown = options.Metrics.FirstOrDefault(m => !ConditionSummary.MetricNames.Contains(m));
        if (unknown != null) throw new ArgumentException($"unknown metric '{unknown}' (known: {string.Join(", ", ConditionSummary.MetricNames)})", nameof(options));
        var list = results.ToArray();
        var unnamed = list.FirstOrDefault(r => string.IsNullOrEmpty(r.Info.Condition));
        if (unnamed != null) throw new ArgumentException($"{unnamed.SourcePath ?? "a result"} has no condition", nameof(results));
        var names = list.Select(r => r.Info.Condition!).Distinct(StringComparer.Ordinal).ToList();
        if (!names.Contains(baseline))
            throw new ArgumentException($"no results for the baseline '{baseline}' (conditions: {string.Join(", ", names)})", nameof(baseline));
        if (order != null)
            names = order.Where(names.Contains).Concat(names.Where(n => !order.Contains(n))).Distinct(StringComparer.Ordinal).ToList();
        names.Remove(baseline);
        names.Insert(0, baseline);

        var summaries = names.Select(n => new ConditionSummary(n, list.Where(r => r.Info.Condition == n), options.Aggregation)).ToArray();
        var reference = summaries[0];
        var referenceKeys = reference.Runs.Select(ConditionSummary.RunKey).ToArray();
        var rows = new List<ConditionComparison>
        {
            new(reference, true, new Dictionary<string, double>(), new Dictionary<string, PairedComparison>()),
        };
        foreach (var s in summaries.Skip(1))
        {
            var keys = s.Runs.Select(ConditionSummary.RunKey).ToArray();
            var missing = referenceKeys.Except(keys).ToArray();
            var extra = keys.Except(referenceKeys).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
                throw new ArgumentException($"condition '{s.Condition}' does not pair with the baseline '{baseline}':" +
                    (missing.Length > 0 ? $" missing {string.Join("; ", missing.Select(ConditionSummary.Describe))}." : "") +
                    (extra.Length > 0 ? $" not in the baseline: {string.Join("; ", extra.Select(ConditionSummary.Describe))}." : ""), nameof(results));
            // Both summaries order their runs by (fold, seed) and hold the same keys, so values pair up index by index.
            var gains = new Dictionary<string, double>();
            var tests = new Dictionary<string, PairedComparison>();
            foreach (var metric in ConditionSummary.MetricNames)
                gains[metric] = s.Summary(metric).Mean - reference.Summary(metric).Mean;
            if (keys.Length >= 2)
                foreach (var metric in options.Metrics)
                {
                    var a = s.Values(metric);
                    var b = reference.Values(metric);
                    tests[metric] = new PairedComparison(PairedTests.TTest(a, b), PairedTests.Wilcoxon(a, b), PairedTests.SignFlip(a, b));
                }
            rows.Add(new ConditionComparison(s, false, gains, tests));
        }
        return new ComparisonTable(baseline, rows, options);
    }

    /// <summary>
    /// The table in Markdown: the compared metrics (<see cref="Metrics"/>; by default macro P/R/F1) in percent
    /// (mean ± sample std), gains over the baseline in percentage points, p-values of macro-F1 (paired t-test
    /// and Wilcoxon; of the last compared metric when macro-F1 is not compared), and notes saying how
    /// everything was computed. A * marks a metric whose paired t-test gives p &lt; 0.05.
    /// </summary>
    public string ToMarkdown() => ToMarkdown(Metrics, Metrics.Contains("macro_f1") ? "macro_f1" : Metrics[^1]);

    /// <summary>
    /// The table in Markdown with the given metric <paramref name="columns"/> (each with its gain column) and the
    /// p-values of <paramref name="pValueMetric"/> (a compared metric; "—" where it was not tested).
    /// </summary>
    /// <exception cref="ArgumentException">No columns, or an unknown metric.</exception>
    public string ToMarkdown(IReadOnlyList<string> columns, string pValueMetric)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("give at least one column", nameof(columns));
        foreach (var c in columns.Append(pValueMetric))
            if (!ConditionSummary.MetricNames.Contains(c)) throw new ArgumentException($"unknown metric '{c}'", nameof(columns));
        var pLabel = MetricLabel(pValueMetric);
        var sb = new StringBuilder();
        sb.Append("| Condition | Runs");
        foreach (var metric in columns) sb.Append(" | ").Append(MetricLabel(metric).Column);
        foreach (var metric in columns) sb.Append(" | ").Append(MetricLabel(metric).Delta);
        sb.Append(" | p ").Append(pLabel.Short).Append(" (t-test) | p ").Append(pLabel.Short).AppendLine(" (Wilcoxon) |");
        sb.Append("|:--|--:");
        for (int i = 0; i < 2 * columns.Count + 2; i++) sb.Append("|--:");
        sb.AppendLine("|");
        foreach (var row in Rows)
        {
            var s = row.Summary;
            sb.Append("| ").Append(Escape(s.Condition)).Append(row.IsBaseline && s.Condition != "baseline" ? " (baseline)" : "")
              .Append(" | ").Append(s.Runs.Count);
            if (Aggregation == RunAggregation.FoldMeans)
                sb.Append(" (").Append(s.Folds.Count).Append(s.Folds.Count == 1 ? " fold)" : " folds)");
            foreach (var metric in columns)
            {
                sb.Append(" | ").Append(s.Summary(metric).Format());
                if (row.Tests.TryGetValue(metric, out var t) && t.TTest.PValue < Alpha) sb.Append('*');
            }
            foreach (var metric in columns)
                sb.Append(" | ").Append(row.IsBaseline ? "—" : Signed(100 * row.Gains[metric]));
            if (row.Tests.TryGetValue(pValueMetric, out var tested))
                sb.Append(" | ").Append(FormatP(tested.TTest.PValue)).Append(" | ").Append(FormatP(tested.Wilcoxon.PValue));
            else
                sb.Append(" | — | —");
            sb.AppendLine(" |");
        }
        sb.AppendLine();
        var baseline = Rows[0].Summary;
        int n = baseline.Runs.Count;
        int folds = baseline.Folds.Count;
        int seeds = baseline.Runs.Select(r => r.Info.Seed).Distinct().Count();
        var protocols = Rows.SelectMany(r => r.Summary.Protocols).Distinct(StringComparer.Ordinal).ToArray();
        bool speakerIndependent = Rows.All(r => r.Summary.SpeakerIndependent);
        if (Aggregation == RunAggregation.FoldMeans)
            sb.Append(folds == 1 ? "Values of 1 fold" : $"Mean ± sample standard deviation (n − 1 denominator) over {folds} folds")
              .Append(", each fold's value the mean of its seeds (").Append(n).Append(" run").Append(n == 1 ? "" : "s").Append(": ")
              .Append(folds).Append(" fold").Append(folds == 1 ? "" : "s").Append(" × ").Append(seeds).Append(" seed").Append(seeds == 1 ? "" : "s").Append(')');
        else
            sb.Append(n == 1 ? "Values of " : "Mean ± sample standard deviation (n − 1 denominator) over ").Append(n).Append(" run").Append(n == 1 ? "" : "s")
              .Append(" (").Append(folds).Append(" fold").Append(folds == 1 ? "" : "s").Append(" × ").Append(seeds).Append(" seed").Append(seeds == 1 ? "" : "s").Append(')');
        sb.Append(", protocol ").Append(string.Join(", ", protocols.Select(p => "`" + p + "`")))
          .AppendLine(speakerIndependent ? " (speaker-independent)." : " (NOT speaker-independent: speakers may be shared between training and test).");
        sb.Append("Δ: difference of the means from the baseline, in percentage points. ");
        sb.Append("p: two-sided paired tests of ").Append(pLabel.Prose).Append(" against the baseline over the same (fold, seed) pairs; ");
        sb.Append("* marks p < ").Append(Alpha.ToString(CultureInfo.InvariantCulture)).AppendLine(" in the paired t-test of that metric.");
        if (n >= 2)
            sb.Append("With ").Append(n).Append(" pairs the smallest possible Wilcoxon p is 2/2^").Append(n).Append(" = ")
              .Append(FormatP(Math.Min(1, 2 / Math.Pow(2, n)))).AppendLine(".");
        else
            sb.AppendLine("A single run per condition: no standard deviation and no significance test.");
        if (Aggregation == RunAggregation.FoldMeans && folds == 1 && n >= 2)
            sb.AppendLine("A single fold: no standard deviation over folds.");
        return sb.ToString();
    }

    /// <summary>
    /// The paired tests in Markdown: one line per condition and metric (<paramref name="metrics"/>, default every compared
    /// metric) with the mean of the paired differences (percentage points), the t statistic and p of the paired t-test,
    /// W+ and p of Wilcoxon, and p of the sign-flip test; * marks p &lt; 0.05.
    /// </summary>
    public string ToSignificanceMarkdown(IReadOnlyList<string>? metrics = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Condition | Metric | Pairs | Mean paired Δ (pp) | t | p (t-test) | W+ | p (Wilcoxon) | p (sign-flip) |");
        sb.AppendLine("|:--|:--|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in Rows.Where(r => !r.IsBaseline))
            foreach (var metric in metrics ?? Metrics)
            {
                if (!row.Tests.TryGetValue(metric, out var t)) continue;
                sb.Append("| ").Append(Escape(row.Summary.Condition)).Append(" | ").Append(MetricLabel(metric).Prose)
                  .Append(" | ").Append(t.TTest.N)
                  .Append(" | ").Append(Signed(100 * t.TTest.MeanDifference, 2))
                  .Append(" | ").Append(double.IsFinite(t.TTest.Statistic) ? t.TTest.Statistic.ToString("F2", CultureInfo.InvariantCulture) : (t.TTest.Statistic > 0 ? "∞" : "−∞"))
                  .Append(" | ").Append(FormatP(t.TTest.PValue)).Append(t.TTest.PValue < Alpha ? "*" : "")
                  .Append(" | ").Append(t.Wilcoxon.Statistic.ToString("0.#", CultureInfo.InvariantCulture))
                  .Append(" | ").Append(FormatP(t.Wilcoxon.PValue)).Append(t.Wilcoxon.PValue < Alpha ? "*" : "")
                  .Append(" | ").Append(FormatP(t.SignFlip.PValue)).Append(t.SignFlip.PValue < Alpha ? "*" : "")
                  .AppendLine(" |");
            }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToMarkdown()"/> to <paramref name="path"/> atomically.</summary>
    public void WriteMarkdown(string path) => AtomicFile.WriteAllText(path, ToMarkdown());

    /// <summary>
    /// Writes the table as JSON (atomically): per condition the runs, per metric mean, std (null for one
    /// run) and the per-run values (fractions), the gains over the baseline, and the paired tests.
    /// </summary>
    public void WriteJson(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            WriteJson(w, Path.GetDirectoryName(Path.GetFullPath(path)));
        });
    }

    /// <summary>
    /// Writes the table as one JSON object to <paramref name="w"/> (see <see cref="WriteJson(string)"/>); each run's
    /// <c>results.json</c> is named relative to <paramref name="relativeTo"/> (a folder), or omitted when it is null.
    /// With <see cref="RunAggregation.FoldMeans"/> every metric also lists its per-fold means.
    /// </summary>
    public void WriteJson(Utf8JsonWriter w, string? relativeTo)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("baseline", Baseline);
        w.WriteString("scale", "fraction");
        w.WriteString("std", "sample (n - 1 denominator)");
        w.WriteString("aggregation", Aggregation == RunAggregation.FoldMeans ? "fold_means" : "all_runs");
        w.WriteStartArray("compared_metrics");
        foreach (var m in Metrics) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteStartArray("conditions");
        foreach (var row in Rows)
        {
            var s = row.Summary;
            w.WriteStartObject();
            w.WriteString("condition", s.Condition);
            w.WriteNumber("runs", s.Runs.Count);
            w.WriteNumber("folds", s.Folds.Count);
            w.WriteBoolean("speaker_independent", s.SpeakerIndependent);
            w.WriteStartArray("protocols");
            foreach (var p in s.Protocols) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteStartArray("folds_seeds");
            foreach (var r in s.Runs)
            {
                w.WriteStartObject();
                if (r.Info.Fold is { } f) w.WriteNumber("fold", f); else w.WriteNull("fold");
                if (r.Info.Seed is { } sd) w.WriteNumber("seed", sd); else w.WriteNull("seed");
                if (relativeTo != null && r.SourcePath is { } src) w.WriteString("results", RelativeTo(relativeTo, src));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("metrics");
            foreach (var metric in ConditionSummary.MetricNames)
            {
                var ms = s.Summary(metric);
                w.WriteStartObject(metric);
                w.WriteNumber("mean", ms.Mean);
                if (double.IsNaN(ms.Std)) w.WriteNull("std"); else w.WriteNumber("std", ms.Std);
                w.WriteStartArray("values");
                foreach (var v in s.Values(metric)) w.WriteNumberValue(v);
                w.WriteEndArray();
                if (Aggregation == RunAggregation.FoldMeans)
                {
                    w.WriteStartArray("fold_means");
                    foreach (var v in s.FoldMeans(metric)) w.WriteNumberValue(v);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (!row.IsBaseline)
            {
                w.WriteStartObject("gain");
                foreach (var (metric, gain) in row.Gains) w.WriteNumber(metric, gain);
                w.WriteEndObject();
                w.WriteStartObject("tests");
                foreach (var (metric, t) in row.Tests)
                {
                    w.WriteStartObject(metric);
                    WriteTest(w, "t_test", t.TTest);
                    WriteTest(w, "wilcoxon", t.Wilcoxon);
                    WriteTest(w, "sign_flip", t.SignFlip);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Column header, short name (for Δ and p headers) and name in prose of a metric.</summary>
    internal static (string Column, string Short, string Delta, string Prose) MetricLabel(string metric)
    {
        var (column, shortName, prose) = metric switch
        {
            "macro_precision" => ("Macro precision (%)", "P", "macro precision"),
            "macro_recall" => ("Macro recall (%)", "R", "macro recall"),
            "macro_f1" => ("Macro F1 (%)", "F1", "macro-F1"),
            "micro_precision" => ("Micro precision (%)", "micro P", "micro precision"),
            "micro_recall" => ("Micro recall (%)", "micro R", "micro recall"),
            "micro_f1" => ("Micro F1 (%)", "micro F1", "micro-F1"),
            "ua" => ("UA (%)", "UA", "UA"),
            "wa" => ("WA (%)", "WA", "WA"),
            _ => throw new ArgumentException($"unknown metric '{metric}'", nameof(metric)),
        };
        return (column, shortName, (shortName.Contains(' ') ? "Δ " : "Δ") + shortName, prose);
    }

    /// <summary><paramref name="source"/> relative to <paramref name="folder"/> ('/' separators), so the file does not depend on where the runs live.</summary>
    private static string RelativeTo(string folder, string source) =>
        Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(source)).Replace('\\', '/');

    internal static void WriteTest(Utf8JsonWriter w, string name, PairedTestResult t)
    {
        w.WriteStartObject(name);
        w.WriteNumber("n", t.N);
        w.WriteNumber("mean_difference", t.MeanDifference);
        if (double.IsFinite(t.Statistic)) w.WriteNumber("statistic", t.Statistic); else w.WriteString("statistic", t.Statistic > 0 ? "inf" : "-inf");
        w.WriteNumber("p", t.PValue);
        w.WriteString("method", t.Method);
        w.WriteEndObject();
    }

    internal static string Signed(double points, int decimals = 1) =>
        (points >= 0 ? "+" : "−") + Math.Abs(points).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    internal static string FormatP(double p) =>
        p < 0.001 ? "< 0.001" : p.ToString("F3", CultureInfo.InvariantCulture);

    internal static string Escape(string text) => text.Replace("|", "\\|");
}
