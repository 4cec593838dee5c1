using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.IO;

namespace SerKit.Evaluation;

/// <summary>
/// The paper-style table: one row per condition (baseline, T1, T2, T3, T1+T2+T3, …) with macro
/// precision, recall and F1 as mean ± sample std over the same folds × seeds, the gain over the
/// baseline, and paired significance tests against the baseline.
/// </summary>
public sealed class ComparisonTable
{
    /// <summary>Metrics in the table's columns and tested against the baseline.</summary>
    public static readonly IReadOnlyList<string> ComparedMetrics = new[] { "macro_precision", "macro_recall", "macro_f1" };

    /// <summary>Significance level of the markers in the Markdown table.</summary>
    public const double Alpha = 0.05;

    private ComparisonTable(string baseline, IReadOnlyList<ConditionComparison> rows)
    {
        Baseline = baseline;
        Rows = rows;
    }

    /// <summary>Name of the baseline condition.</summary>
    public string Baseline { get; }

    /// <summary>The rows, baseline first.</summary>
    public IReadOnlyList<ConditionComparison> Rows { get; }

    /// <summary>
    /// Groups <paramref name="results"/> by <see cref="EvaluationInfo.Condition"/> and compares every
    /// condition with <paramref name="baseline"/>. Each condition must have been run on exactly the
    /// baseline's (fold, seed) pairs. Rows follow <paramref name="order"/> when given (conditions not in
    /// it come after, in order of first appearance), else the order of first appearance; the baseline
    /// is always first.
    /// </summary>
    /// <exception cref="ArgumentException">A result has no condition, the baseline is missing, or the runs do not pair up.</exception>
    public static ComparisonTable Build(IEnumerable<EvaluationResult> results, string baseline = "baseline", IReadOnlyList<string>? order = null)
    {
        ArgumentNullException.ThrowIfNull(results);
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

        var summaries = names.Select(n => new ConditionSummary(n, list.Where(r => r.Info.Condition == n))).ToArray();
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
                foreach (var metric in ComparedMetrics)
                {
                    var a = s.Values(metric);
                    var b = reference.Values(metric);
                    tests[metric] = new PairedComparison(PairedTests.TTest(a, b), PairedTests.Wilcoxon(a, b), PairedTests.SignFlip(a, b));
                }
            rows.Add(new ConditionComparison(s, false, gains, tests));
        }
        return new ComparisonTable(baseline, rows);
    }

    /// <summary>
    /// The table in Markdown: macro P/R/F1 in percent (mean ± sample std), gains over the baseline in
    /// percentage points, p-values of macro-F1 (paired t-test and Wilcoxon), and notes saying how
    /// everything was computed. A * marks a metric whose paired t-test gives p &lt; 0.05.
    /// </summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Condition | Runs | Macro precision (%) | Macro recall (%) | Macro F1 (%) | ΔP | ΔR | ΔF1 | p F1 (t-test) | p F1 (Wilcoxon) |");
        sb.AppendLine("|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in Rows)
        {
            var s = row.Summary;
            sb.Append("| ").Append(Escape(s.Condition)).Append(row.IsBaseline && s.Condition != "baseline" ? " (baseline)" : "")
              .Append(" | ").Append(s.Runs.Count);
            foreach (var metric in ComparedMetrics)
            {
                sb.Append(" | ").Append(s.Summary(metric).Format());
                if (row.Tests.TryGetValue(metric, out var t) && t.TTest.PValue < Alpha) sb.Append('*');
            }
            foreach (var metric in ComparedMetrics)
                sb.Append(" | ").Append(row.IsBaseline ? "—" : Signed(100 * row.Gains[metric]));
            if (row.Tests.TryGetValue("macro_f1", out var f1))
                sb.Append(" | ").Append(FormatP(f1.TTest.PValue)).Append(" | ").Append(FormatP(f1.Wilcoxon.PValue));
            else
                sb.Append(" | — | —");
            sb.AppendLine(" |");
        }
        sb.AppendLine();
        var baseline = Rows[0].Summary;
        int n = baseline.Runs.Count;
        int folds = baseline.Runs.Select(r => r.Info.Fold).Distinct().Count();
        int seeds = baseline.Runs.Select(r => r.Info.Seed).Distinct().Count();
        var protocols = Rows.SelectMany(r => r.Summary.Protocols).Distinct(StringComparer.Ordinal).ToArray();
        bool speakerIndependent = Rows.All(r => r.Summary.SpeakerIndependent);
        sb.Append(n == 1 ? "Values of " : "Mean ± sample standard deviation (n − 1 denominator) over ").Append(n).Append(" run").Append(n == 1 ? "" : "s")
          .Append(" (").Append(folds).Append(" fold").Append(folds == 1 ? "" : "s").Append(" × ").Append(seeds).Append(" seed").Append(seeds == 1 ? "" : "s")
          .Append("), protocol ").Append(string.Join(", ", protocols.Select(p => "`" + p + "`")))
          .AppendLine(speakerIndependent ? " (speaker-independent)." : " (NOT speaker-independent: speakers may be shared between training and test).");
        sb.Append("Δ: difference of the means from the baseline, in percentage points. ");
        sb.Append("p: two-sided paired tests of macro-F1 against the baseline over the same (fold, seed) pairs; ");
        sb.Append("* marks p < ").Append(Alpha.ToString(CultureInfo.InvariantCulture)).AppendLine(" in the paired t-test of that metric.");
        if (n >= 2)
            sb.Append("With ").Append(n).Append(" pairs the smallest possible Wilcoxon p is 2/2^").Append(n).Append(" = ")
              .Append(FormatP(Math.Min(1, 2 / Math.Pow(2, n)))).AppendLine(".");
        else
            sb.AppendLine("A single run per condition: no standard deviation and no significance test.");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToMarkdown"/> to <paramref name="path"/> atomically.</summary>
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
            w.WriteStartObject();
            w.WriteString("baseline", Baseline);
            w.WriteString("scale", "fraction");
            w.WriteString("std", "sample (n - 1 denominator)");
            w.WriteStartArray("conditions");
            foreach (var row in Rows)
            {
                var s = row.Summary;
                w.WriteStartObject();
                w.WriteString("condition", s.Condition);
                w.WriteNumber("runs", s.Runs.Count);
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
                    if (r.SourcePath is { } src) w.WriteString("results", RelativeTo(path, src));
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
        });
    }

    /// <summary><paramref name="source"/> relative to the folder of <paramref name="outputFile"/> ('/' separators), so the file does not depend on where the runs live.</summary>
    private static string RelativeTo(string outputFile, string source) =>
        Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(outputFile))!, Path.GetFullPath(source)).Replace('\\', '/');

    private static void WriteTest(Utf8JsonWriter w, string name, PairedTestResult t)
    {
        w.WriteStartObject(name);
        w.WriteNumber("n", t.N);
        w.WriteNumber("mean_difference", t.MeanDifference);
        if (double.IsFinite(t.Statistic)) w.WriteNumber("statistic", t.Statistic); else w.WriteString("statistic", t.Statistic > 0 ? "inf" : "-inf");
        w.WriteNumber("p", t.PValue);
        w.WriteString("method", t.Method);
        w.WriteEndObject();
    }

    private static string Signed(double points) =>
        (points >= 0 ? "+" : "−") + Math.Abs(points).ToString("F1", CultureInfo.InvariantCulture);

    private static string FormatP(double p) =>
        p < 0.001 ? "< 0.001" : p.ToString("F3", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|");
}
