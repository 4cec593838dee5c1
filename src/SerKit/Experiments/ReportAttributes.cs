using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.Attributes;
using SerKit.Evaluation;
using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>
/// The attribute part of an experiment report (docs/deepemocluster.md): from the folder's <c>attributes/</c> runs, the test CCC per
/// attribute of every attribute condition at every label fraction with the difference to the regressor alone and paired tests, the mean
/// CCC per fold, a label-efficiency table, and for each DeepEmoCluster condition how the attributes differ between its clusters (η² over
/// the runs, one run's cluster table and plot). Rendered into <c>results.md</c>, <c>results.json</c> and <c>plots/</c>.
/// </summary>
internal sealed class ReportAttributes
{
    private ReportAttributes(AttributeRuns runs, IReadOnlyList<ReportAttributeFraction> fractions, IReadOnlyList<ReportAttributeClusters> clusters)
    {
        Runs = runs;
        Fractions = fractions;
        Clusters = clusters;
    }

    public AttributeRuns Runs { get; }

    /// <summary>One table per label fraction, ascending.</summary>
    public IReadOnlyList<ReportAttributeFraction> Fractions { get; }

    public ReportAttributeFraction Main => Fractions.Single(f => f.IsMain);

    /// <summary>The DeepEmoCluster conditions' cluster summaries at the main label fraction.</summary>
    public IReadOnlyList<ReportAttributeClusters> Clusters { get; }

    /// <summary>Reads the attribute runs of the folder; null when the protocol has no attribute study.</summary>
    public static ReportAttributes? Load(string directory, ExperimentProtocol protocol, List<string> notes)
    {
        if (protocol.AttributeConditions.Count == 0) return null;
        var runs = AttributeRuns.Read(directory, protocol);
        double main = protocol.LabelFractions.Max();
        var fractions = protocol.LabelFractions.Order().Select(f => Fraction(runs, f, f == main)).ToArray();
        var clusters = new List<ReportAttributeClusters>();
        var top = fractions.Single(f => f.IsMain);
        foreach (var condition in protocol.AttributeConditions.Where(c => top.Rows.Any(r => r.Condition == c)))
        {
            AttributeCondition parsed;
            try { parsed = AttributeCondition.Parse(condition); }
            catch (ArgumentException) { continue; }
            if (!parsed.Clustering) continue;
            var eta = new List<IReadOnlyList<double>>();
            ClusterAttributeTable? example = null;
            string? plot = null;
            foreach (var (fold, seed) in top.Pairs)
            {
                var folder = Path.Combine(directory, new AttributeRunKey(condition, main, fold, seed).RelativeFolder);
                var path = Path.Combine(folder, ClusterAttributeTable.JsonFile);
                if (!File.Exists(path)) { notes.Add($"no cluster table of {condition} fold {fold} seed {seed}: {Path.GetRelativePath(directory, path)} not found"); continue; }
                try
                {
                    var table = ClusterAttributeTable.ReadJson(path);
                    eta.Add(table.EtaSquared);
                    if (example is null && fold == top.Pairs[0].Fold && seed == top.Pairs[0].Seed)
                    {
                        example = table;
                        var png = Path.Combine(folder, ClusterAttributeTable.PlotFile);
                        plot = File.Exists(png) ? png : null;
                    }
                }
                catch (Exception e) when (e is InvalidDataException or IOException or JsonException or KeyNotFoundException)
                {
                    notes.Add($"no cluster table of {condition} fold {fold} seed {seed}: {e.Message}");
                }
            }
            var summary = protocol.Attributes.Select((_, a) =>
            {
                var values = eta.Select(e => e[a]).Where(double.IsFinite).ToArray();
                return values.Length == 0 ? (MeanStd?)null : MeanStd.Of(values);
            }).ToArray();
            clusters.Add(new ReportAttributeClusters(condition, eta.Count, summary, top.Pairs.Count > 0 ? top.Pairs[0].Fold : 0,
                top.Pairs.Count > 0 ? top.Pairs[0].Seed : 0, example, plot));
        }
        return new ReportAttributes(runs, fractions, clusters);
    }

    private static ReportAttributeFraction Fraction(AttributeRuns runs, double fraction, bool isMain)
    {
        var protocol = runs.Protocol;
        var pairs = runs.CompletePairs(fraction);
        var withRuns = runs.ConditionsWithRuns(fraction);
        var rows = new List<ReportAttributeRow>();
        var reference = AttributeCondition.Reference.Name;
        double[] Series(string condition, Func<AttributeMetrics, double> value) =>
            pairs.Select(p => value(runs.Found[new AttributeRunKey(condition, fraction, p.Fold, p.Seed)].Metrics)).ToArray();
        MeanStd FoldSummary(string condition, Func<AttributeMetrics, double> value, out Dictionary<int, double> perFold)
        {
            var values = Series(condition, value);
            perFold = pairs.Select((p, i) => (p.Fold, Value: values[i])).GroupBy(x => x.Fold).ToDictionary(g => g.Key, g => g.Average(x => x.Value));
            return MeanStd.Of(perFold.Values);
        }
        if (pairs.Count > 0)
        {
            var referenceMean = withRuns.Contains(reference) ? Series(reference, m => m.MeanCcc) : null;
            var referenceSummary = referenceMean is null ? (MeanStd?)null : FoldSummary(reference, m => m.MeanCcc, out _);
            foreach (var condition in withRuns)
            {
                var ccc = protocol.Attributes.Select((name, a) => FoldSummary(condition, m => m.Ccc[a], out var _)).ToArray();
                var mean = FoldSummary(condition, m => m.MeanCcc, out var perFold);
                var own = Series(condition, m => m.MeanCcc);
                bool compare = condition != reference && referenceMean is not null;
                bool test = compare && pairs.Count >= 2;
                rows.Add(new ReportAttributeRow(condition, pairs.Count, ccc, mean, perFold,
                    compare ? mean.Mean - referenceSummary!.Value.Mean : null,
                    test ? PairedTests.TTest(own, referenceMean!) : null,
                    test ? PairedTests.Wilcoxon(own, referenceMean!) : null,
                    test ? PairedTests.SignFlip(own, referenceMean!) : null));
            }
        }
        return new ReportAttributeFraction(fraction, isMain, pairs, rows, protocol.AttributeConditions.Where(c => !withRuns.Contains(c)).ToArray());
    }

    /// <summary>Writes the plots (CCC per attribute, label efficiency, the clusters' example plots) and returns what was written.</summary>
    public IReadOnlyList<ReportPlot> WritePlots(string directory)
    {
        var plots = new List<ReportPlot>();
        var attributes = Runs.Protocol.Attributes;
        string Add(string kind, string? subject, string fileName)
        {
            plots.Add(new ReportPlot(kind, subject, ExperimentReport.PlotsFolder + "/" + fileName));
            return Path.Combine(directory, ExperimentReport.PlotsFolder, fileName);
        }
        if (Main.Rows.Count > 0)
            AggregatePlots.GroupedMeansPng(Add("attribute_ccc", null, "attributes_ccc.png"), attributes.Append("mean").ToArray(),
                Main.Rows.Select(r => new KeyValuePair<string, IReadOnlyList<MeanStd>>(r.Condition, r.Ccc.Append(r.MeanCcc).ToArray())).ToArray(),
                "Test CCC", $"CCC per attribute, {ExperimentRuns.Percent(Main.Fraction)} labels (mean ± std over folds)");
        if (Fractions.Count > 1)
        {
            var series = Runs.Protocol.AttributeConditions.Select(c =>
            {
                var points = Fractions.Select(f => (f.Fraction, Row: f.Rows.FirstOrDefault(r => r.Condition == c))).Where(p => p.Row != null).ToArray();
                return new LabelEfficiencySeries(c, points.Select(p => p.Fraction).ToArray(), points.Select(p => p.Row!.MeanCcc).ToArray());
            }).Where(s => s.LabelFractions.Count > 0).ToArray();
            if (series.Length > 0)
                AggregatePlots.LabelEfficiencyPng(Add("attribute_label_efficiency", null, "attributes_label_efficiency.png"), series, "Mean CCC",
                    "Label efficiency: mean CCC (mean ± std over folds)", percent: false);
        }
        foreach (var c in Clusters.Where(c => c.ExamplePlot is not null))
        {
            var bytes = File.ReadAllBytes(c.ExamplePlot!);
            AtomicFile.Write(Add("attribute_clusters", c.Condition, $"attributes_clusters_{AttributeRunKey.Slug(c.Condition)}.png"), s => s.Write(bytes));
        }
        return plots;
    }

    /// <summary>The Markdown sections.</summary>
    public void Render(StringBuilder sb, IReadOnlyList<ReportPlot> plots)
    {
        var p = Runs.Protocol;
        var main = Main;
        sb.Append("## Emotional attributes: ").Append(ExperimentRuns.Percent(main.Fraction)).AppendLine(" of the training labels").AppendLine();
        sb.AppendLine(Invariant($"Attributes {string.Join(", ", p.Attributes)} of {p.AttributeUtterances} labelled utterances, regressed with the CCC loss on the same folds and seeds; ")
            + "`regressor` is the attribute regressor alone, `DeepEmoCluster` adds the self-supervised clustering of the labelled training utterances, "
            + "`+unlabelled` clusters the pre-training corpora's utterances too; a `T…:` prefix starts from that pre-trained encoder. "
            + "Test CCC; mean ± sample std over the folds (a fold's value is the mean over its seeds); Δ is the difference of mean CCC to `regressor`; "
            + "paired tests over the (fold, seed) pairs as for the SER table (t-test of record).").AppendLine();
        if (main.Rows.Count == 0)
            sb.AppendLine("No table yet: no (fold, seed) pair has been finished by every attribute condition with results.").AppendLine();
        else
        {
            sb.AppendLine(Invariant($"Runs per condition: {main.Pairs.Count} of {p.Folds * p.Seeds.Count} (fold, seed) pairs.")
                + (main.ConditionsWithoutRuns.Count > 0 ? " Conditions without any result yet: " + string.Join(", ", main.ConditionsWithoutRuns) + "." : "")).AppendLine();
            Table(sb, p.Attributes, main);
            ExperimentReportMarkdown.Image(sb, plots, "attribute_ccc", null, "CCC per attribute and condition");
            sb.Append("### Mean CCC per fold (").Append(ExperimentRuns.Percent(main.Fraction)).AppendLine(" labels)").AppendLine();
            var folds = main.Pairs.Select(q => q.Fold).Distinct().Order().ToArray();
            sb.Append("| Condition |").AppendJoin("", folds.Select(f => Invariant($" fold {f} |"))).AppendLine();
            sb.Append("|:--|").AppendJoin("", folds.Select(_ => "--:|")).AppendLine();
            foreach (var r in main.Rows)
                sb.Append("| ").Append(r.Condition).Append(" |").AppendJoin("", folds.Select(f => Invariant($" {r.FoldMeanCcc[f]:0.000} |"))).AppendLine();
            sb.AppendLine();
        }
        if (Fractions.Count > 1)
        {
            sb.AppendLine("### Label efficiency (mean CCC)").AppendLine();
            sb.Append("| Condition |").AppendJoin("", Fractions.Select(f => " " + ExperimentRuns.Percent(f.Fraction) + " |")).AppendLine();
            sb.Append("|:--|").AppendJoin("", Fractions.Select(_ => "--:|")).AppendLine();
            foreach (var c in p.AttributeConditions)
                sb.Append("| ").Append(c).Append(" |").AppendJoin("", Fractions.Select(f => f.Rows.FirstOrDefault(r => r.Condition == c) is { } r
                    ? " " + F(r.MeanCcc) + " |" : " – |")).AppendLine();
            sb.AppendLine();
            ExperimentReportMarkdown.Image(sb, plots, "attribute_label_efficiency", null, "Label efficiency: mean CCC");
        }
        if (Clusters.Count > 0)
        {
            sb.AppendLine("### How the attributes differ between clusters").AppendLine();
            sb.AppendLine("η² is the share of an attribute's variance in a test set that the DeepEmoCluster model's clusters explain (0: the clusters do not "
                + "differ in that attribute; 1: each cluster is constant); mean ± std over the runs. Cluster numbers are arbitrary in each run, so the "
                + "table and plot below are those of one run's test speakers (the first complete fold and seed).").AppendLine();
            sb.Append("| Condition | Runs |").AppendJoin("", p.Attributes.Select(a => $" η² {a} |")).AppendLine();
            sb.Append("|:--|--:|").AppendJoin("", p.Attributes.Select(_ => "--:|")).AppendLine();
            foreach (var c in Clusters)
                sb.Append("| ").Append(c.Condition).Append(Invariant($" | {c.Runs} |")).AppendJoin("", c.EtaSquared.Select(e => e is { } v ? " " + F(v) + " |" : " – |")).AppendLine();
            sb.AppendLine();
            foreach (var c in Clusters.Where(c => c.Example is not null))
            {
                sb.Append("#### ").Append(c.Condition).AppendLine(Invariant($", fold {c.ExampleFold}, seed {c.ExampleSeed}")).AppendLine();
                sb.AppendLine(c.Example!.ToMarkdown());
                ExperimentReportMarkdown.Image(sb, plots, "attribute_clusters", c.Condition, Invariant($"{c.Condition}: attributes per cluster, fold {c.ExampleFold} seed {c.ExampleSeed} test speakers"));
            }
        }
        if (Runs.Missing.Count > 0)
        {
            sb.AppendLine(Invariant($"Attribute runs missing ({Runs.Missing.Count} of {Runs.Expected.Count}; still running, or left out with `folds.only`):")).AppendLine();
            foreach (var g in Runs.Missing.GroupBy(k => (k.Condition, k.LabelFraction)))
                sb.Append("- ").Append(g.Key.Condition).Append(", ").Append(ExperimentRuns.Percent(g.Key.LabelFraction)).Append(" labels: ")
                  .AppendLine(string.Join(", ", g.Select(k => Invariant($"fold {k.Fold} seed {k.Seed}"))));
            sb.AppendLine();
        }
        else sb.AppendLine(Invariant($"All {Runs.Expected.Count} attribute runs have results (under `attributes/<condition>/labels<P>/fold<k>/seed<s>/`).")).AppendLine();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> attributes, ReportAttributeFraction f)
    {
        sb.Append("| Condition | Runs |").AppendJoin("", attributes.Select(a => $" CCC {a} |")).AppendLine(" mean CCC | Δ mean CCC | p (t-test) | p (Wilcoxon) | p (sign-flip) |");
        sb.Append("|:--|--:|").AppendJoin("", attributes.Select(_ => "--:|")).AppendLine("--:|--:|--:|--:|--:|");
        foreach (var r in f.Rows)
        {
            sb.Append("| ").Append(r.Condition).Append(Invariant($" | {r.Runs} ({r.FoldMeanCcc.Count} folds) |")).AppendJoin("", r.Ccc.Select(m => " " + F(m) + " |"));
            sb.Append(' ').Append(F(r.MeanCcc)).Append(" | ").Append(r.Gain is { } g ? Invariant($"{g:+0.000;−0.000;0.000}") : "—").Append(" | ");
            sb.Append(P(r.TTest, star: true)).Append(" | ").Append(P(r.Wilcoxon)).Append(" | ").Append(P(r.SignFlip)).AppendLine(" |");
        }
        sb.AppendLine();
    }

    /// <summary>The <c>attributes</c> object of results.json.</summary>
    public void WriteJson(Utf8JsonWriter w, IReadOnlyList<ReportPlot> plots)
    {
        var p = Runs.Protocol;
        w.WriteStartObject("attributes");
        ExperimentReportJson.Strings(w, "attributes", p.Attributes);
        ExperimentReportJson.Strings(w, "conditions", p.AttributeConditions);
        w.WriteString("reference", AttributeCondition.Reference.Name);
        w.WriteNumber("utterances", p.AttributeUtterances);
        w.WriteNumber("main_label_fraction", Main.Fraction);
        w.WriteStartArray("tables");
        foreach (var f in Fractions)
        {
            w.WriteStartObject();
            w.WriteNumber("label_fraction", f.Fraction);
            w.WriteBoolean("main", f.IsMain);
            ExperimentReportJson.WritePairs(w, f.Pairs);
            w.WriteStartArray("rows");
            foreach (var r in f.Rows)
            {
                w.WriteStartObject();
                w.WriteString("condition", r.Condition);
                w.WriteNumber("runs", r.Runs);
                w.WriteStartObject("ccc");
                for (int a = 0; a < p.Attributes.Count; a++) Summary(w, p.Attributes[a], r.Ccc[a]);
                w.WriteEndObject();
                Summary(w, "mean_ccc", r.MeanCcc);
                w.WriteStartObject("mean_ccc_per_fold");
                foreach (var (fold, v) in r.FoldMeanCcc.OrderBy(kv => kv.Key)) w.WriteNumber(fold.ToString(CultureInfo.InvariantCulture), v);
                w.WriteEndObject();
                if (r.Gain is { } g) w.WriteNumber("gain_mean_ccc", g); else w.WriteNull("gain_mean_ccc");
                w.WriteStartObject("tests");
                Test(w, "t_test", r.TTest);
                Test(w, "wilcoxon", r.Wilcoxon);
                Test(w, "sign_flip", r.SignFlip);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            ExperimentReportJson.Strings(w, "conditions_without_runs", f.ConditionsWithoutRuns);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("clusters");
        foreach (var c in Clusters)
        {
            w.WriteStartObject();
            w.WriteString("condition", c.Condition);
            w.WriteNumber("runs", c.Runs);
            w.WriteStartObject("eta_squared");
            for (int a = 0; a < p.Attributes.Count; a++)
                if (c.EtaSquared[a] is { } e) Summary(w, p.Attributes[a], e); else w.WriteNull(p.Attributes[a]);
            w.WriteEndObject();
            w.WriteNumber("example_fold", c.ExampleFold);
            w.WriteNumber("example_seed", c.ExampleSeed);
            w.WriteString("example_table", new AttributeRunKey(c.Condition, Main.Fraction, c.ExampleFold, c.ExampleSeed).RelativeFolder + "/" + ClusterAttributeTable.JsonFile);
            if (plots.FirstOrDefault(pl => pl.Kind == "attribute_clusters" && pl.Subject == c.Condition) is { } plot) w.WriteString("plot", plot.RelativePath);
            else w.WriteNull("plot");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("runs");
        w.WriteNumber("expected", Runs.Expected.Count);
        w.WriteNumber("found", Runs.Found.Count);
        w.WriteStartArray("missing");
        foreach (var k in Runs.Missing) w.WriteStringValue(k.RelativeFolder);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, string name, MeanStd m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("mean", m.Mean);
        if (double.IsFinite(m.Std)) w.WriteNumber("std", m.Std); else w.WriteNull("std");
        w.WriteNumber("n", m.N);
        w.WriteEndObject();
    }

    private static void Test(Utf8JsonWriter w, string name, PairedTestResult? t)
    {
        if (t is null) w.WriteNull(name);
        else ComparisonTable.WriteTest(w, name, t);
    }

    private static string F(MeanStd m) => double.IsFinite(m.Std) ? Invariant($"{m.Mean:0.000} ± {m.Std:0.000}") : Invariant($"{m.Mean:0.000}");

    private static string P(PairedTestResult? t, bool star = false) =>
        t is null || !double.IsFinite(t.PValue) ? "—" : Invariant($"{t.PValue:0.000}") + (star && t.PValue < ComparisonTable.Alpha ? " *" : "");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
