using System.Text.Json;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>
/// Writes <c>results.json</c> of an experiment report: everything of <c>results.md</c> in machine-readable form, EmoBox-style
/// metric keys (<c>macro_f1</c>, <c>micro_f1</c>, <c>ua</c>, <c>wa</c>, …), fractions not percentages, NaN as null.
/// </summary>
internal static class ExperimentReportJson
{
    public static void Write(string path, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        AtomicFile.Write(path, stream =>
        {
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                Write(w, c, plots);
            stream.WriteByte((byte)'\n');
        });
    }

    private static void Write(Utf8JsonWriter w, ExperimentReportContent c, IReadOnlyList<ReportPlot> plots)
    {
        var p = c.Protocol;
        var runs = c.Runs;
        w.WriteStartObject();
        w.WriteString("format", ExperimentReport.FormatName);
        w.WriteString("generated_by", "SerKit " + ExperimentReportContent.SerKitVersion);
        w.WriteString("scale", "fraction");
        w.WriteString("recipe", p.Recipe);
        w.WriteBoolean("speaker_independent", p.SpeakerIndependent);
        w.WriteString("baseline", p.Baseline);
        Strings(w, "conditions", p.Conditions);
        Strings(w, "classes", p.Classes);
        w.WriteNumber("main_label_fraction", runs.MainFraction);
        w.WriteStartArray("label_fractions");
        foreach (var f in p.LabelFractions.Order()) w.WriteNumberValue(f);
        w.WriteEndArray();

        w.WriteStartObject("rules");
        w.WriteString("mean_std", ExperimentReportMarkdown.AggregationRule);
        w.WriteString("aggregation", "fold_means");
        w.WriteString("std", "sample (n - 1 denominator), over folds");
        w.WriteString("tests", ExperimentReportMarkdown.TestRule);
        w.WriteString("pairs", ExperimentReportMarkdown.PairRule);
        w.WriteString("test_of_record", "paired t-test");
        w.WriteNumber("alpha", ComparisonTable.Alpha);
        w.WriteEndObject();

        w.WritePropertyName("protocol");
        using (var doc = JsonDocument.Parse(c.ProtocolJson)) doc.RootElement.WriteTo(w);

        WriteRuns(w, c);

        w.WritePropertyName("main_table");
        if (c.Main.Table is { } table) table.WriteJson(w, c.Directory); else w.WriteNullValue();

        WritePerFold(w, c);
        WriteLabelEfficiency(w, c);
        WriteConfusions(w, c);
        WriteCurves(w, c);
        WriteLabels(w, c);
        WritePretext(w, c);
        if (c.Attributes is { } attributes) attributes.WriteJson(w, plots); else w.WriteNull("attributes");

        w.WriteStartArray("plots");
        foreach (var plot in plots)
        {
            w.WriteStartObject();
            w.WriteString("kind", plot.Kind);
            if (plot.Subject is { } s) w.WriteString("subject", s); else w.WriteNull("subject");
            w.WriteString("path", plot.RelativePath);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "notes", c.Notes);
        w.WriteEndObject();
    }

    private static void WriteRuns(Utf8JsonWriter w, ExperimentReportContent c)
    {
        var runs = c.Runs;
        w.WriteStartObject("runs");
        w.WriteNumber("expected", runs.Expected.Count);
        w.WriteNumber("found", runs.Found.Count);
        w.WriteNumber("missing_count", runs.Missing.Count);
        w.WriteBoolean("complete", runs.Missing.Count == 0);
        w.WriteStartArray("missing");
        foreach (var k in runs.Missing) Key(w, k);
        w.WriteEndArray();
        w.WriteStartArray("excluded");
        foreach (var k in c.Fractions.SelectMany(f => f.Excluded)) Key(w, k);
        w.WriteEndArray();
        Strings(w, "ignored", runs.Ignored);
        w.WriteEndObject();
    }

    private static void Key(Utf8JsonWriter w, ExperimentRunKey k)
    {
        w.WriteStartObject();
        w.WriteString("condition", k.Condition);
        w.WriteNumber("label_fraction", k.LabelFraction);
        w.WriteNumber("fold", k.Fold);
        w.WriteNumber("seed", k.Seed);
        w.WriteString("folder", k.RelativeFolder);
        w.WriteEndObject();
    }

    private static void WritePerFold(Utf8JsonWriter w, ExperimentReportContent c)
    {
        w.WritePropertyName("per_fold");
        if (c.Main.Table is not { } table) { w.WriteNullValue(); return; }
        w.WriteStartObject();
        w.WriteNumber("label_fraction", c.Main.Fraction);
        w.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            var s = row.Summary;
            foreach (var fold in s.Folds)
            {
                var foldRuns = s.Runs.Where(r => r.Info.Fold == fold).ToArray();
                w.WriteStartObject();
                w.WriteString("condition", s.Condition);
                if (fold is { } f) w.WriteNumber("fold", f); else w.WriteNull("fold");
                w.WriteStartArray("seeds");
                foreach (var r in foldRuns) if (r.Info.Seed is { } seed) w.WriteNumberValue(seed);
                w.WriteEndArray();
                w.WriteStartObject("metrics");
                foreach (var metric in ConditionSummary.MetricNames)
                {
                    var values = foldRuns.Select(r => ConditionSummary.Metric(r.Metrics, metric)).ToArray();
                    var ms = MeanStd.Of(values);
                    w.WriteStartObject(metric);
                    w.WriteNumber("mean", ms.Mean);
                    Number(w, "std", ms.Std);
                    w.WriteStartArray("values");
                    foreach (var v in values) w.WriteNumberValue(v);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLabelEfficiency(Utf8JsonWriter w, ExperimentReportContent c)
    {
        var p = c.Protocol;
        w.WriteStartObject("label_efficiency");
        w.WriteString("metric", "macro_f1");
        w.WriteStartArray("cells");
        foreach (var f in c.Fractions)
            foreach (var condition in p.Conditions)
            {
                var row = f.Table?.Rows.FirstOrDefault(r => r.Summary.Condition == condition);
                w.WriteStartObject();
                w.WriteString("condition", condition);
                w.WriteNumber("label_fraction", f.Fraction);
                int runsUsed = row?.Summary.Runs.Count ?? 0;
                w.WriteString("status", row is null ? "no_runs" : runsUsed < p.Folds * p.Seeds.Count ? "partial" : "complete");
                w.WriteNumber("runs", runsUsed);
                w.WriteNumber("folds", row?.Summary.Folds.Count ?? 0);
                if (row is null)
                {
                    w.WriteNull("macro_f1");
                    w.WriteNull("gain");
                    w.WriteNull("tests");
                    w.WriteEndObject();
                    continue;
                }
                var s = row.Summary;
                MeanStdObject(w, "macro_f1", s.Summary("macro_f1"));
                w.WriteStartObject("metrics");
                foreach (var metric in ConditionSummary.MetricNames) MeanStdObject(w, metric, s.Summary(metric));
                w.WriteEndObject();
                if (row.IsBaseline) w.WriteNull("gain");
                else
                {
                    w.WriteStartObject("gain");
                    foreach (var metric in ConditionSummary.MetricNames) w.WriteNumber(metric, row.Gains[metric]);
                    w.WriteEndObject();
                }
                if (row.Tests.TryGetValue("macro_f1", out var t))
                {
                    w.WriteStartObject("tests");
                    w.WriteNumber("t_test_p", t.TTest.PValue);
                    w.WriteNumber("wilcoxon_p", t.Wilcoxon.PValue);
                    w.WriteNumber("sign_flip_p", t.SignFlip.PValue);
                    w.WriteNumber("pairs", t.TTest.N);
                    w.WriteEndObject();
                }
                else w.WriteNull("tests");
                w.WriteEndObject();
            }
        w.WriteEndArray();
        w.WriteStartArray("tables");
        foreach (var f in c.Fractions)
        {
            w.WriteStartObject();
            w.WriteNumber("label_fraction", f.Fraction);
            w.WriteBoolean("main", f.IsMain);
            WritePairs(w, f.Pairs);
            Strings(w, "conditions_without_runs", f.ConditionsWithoutRuns);
            w.WritePropertyName("table");
            if (f.Table is { } table) table.WriteJson(w, c.Directory); else w.WriteNullValue();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteConfusions(Utf8JsonWriter w, ExperimentReportContent c)
    {
        w.WriteStartArray("confusion_matrices");
        foreach (var m in c.Confusions)
        {
            var metrics = m.Metrics;
            int k = metrics.Classes.Count;
            w.WriteStartObject();
            w.WriteString("condition", m.Condition);
            w.WriteNumber("label_fraction", c.Main.Fraction);
            w.WriteNumber("runs", m.Runs);
            w.WriteNumber("num", metrics.Num);
            Strings(w, "classes", metrics.Classes);
            w.WriteStartArray("matrix");
            for (int t = 0; t < k; t++)
            {
                w.WriteStartArray();
                for (int q = 0; q < k; q++) w.WriteNumberValue(metrics.Count(t, q));
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("row_normalised");
            for (int t = 0; t < k; t++)
            {
                w.WriteStartArray();
                for (int q = 0; q < k; q++)
                    if (metrics.Support[t] > 0) w.WriteNumberValue((double)metrics.Count(t, q) / metrics.Support[t]); else w.WriteNullValue();
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteNumber("wa", metrics.WA);
            w.WriteNumber("ua", metrics.UA);
            w.WriteNumber("macro_f1", metrics.MacroF1);
            w.WriteNumber("micro_f1", metrics.MicroF1);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteCurves(Utf8JsonWriter w, ExperimentReportContent c)
    {
        w.WriteStartArray("learning_curves");
        foreach (var curve in c.Curves)
        {
            w.WriteStartObject();
            w.WriteString("condition", curve.Condition);
            w.WriteNumber("label_fraction", c.Main.Fraction);
            w.WriteNumber("runs", curve.Average?.Logs ?? 0);
            Strings(w, "missing_logs", curve.MissingLogs);
            if (curve.Average is { } a)
            {
                w.WriteStartArray("epochs");
                foreach (var e in a.Epochs) w.WriteNumberValue(e);
                w.WriteEndArray();
                w.WriteStartObject("columns");
                foreach (var column in a.Columns)
                {
                    w.WriteStartObject(column);
                    Numbers(w, "mean", a.Mean(column));
                    Numbers(w, "std", a.Std(column));
                    w.WriteStartArray("n");
                    foreach (var n in a.Count(column)) w.WriteNumberValue(n);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteLabels(Utf8JsonWriter w, ExperimentReportContent c)
    {
        w.WritePropertyName("label_distributions");
        if (c.Labels is not { } l) { w.WriteNullValue(); return; }
        w.WriteStartObject();
        Strings(w, "labels", l.Labels);
        w.WritePropertyName("corpus");
        if (l.Corpus is { } corpus) Counts(w, l.Labels, corpus); else w.WriteNullValue();
        w.WriteStartArray("folds");
        foreach (var k in l.Folds)
        {
            w.WriteStartObject();
            w.WriteNumber("fold", k);
            foreach (var split in Enum.GetValues<FoldSplit>())
            {
                w.WritePropertyName(ExperimentReport.SplitName(split));
                Counts(w, l.Labels, l.Parts[(k, split)]);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePretext(Utf8JsonWriter w, ExperimentReportContent c)
    {
        w.WriteStartArray("pretext_distributions");
        foreach (var s in c.Pretext)
        {
            w.WriteStartObject();
            w.WriteString("set", s.Set);
            w.WriteNumber("utterances", s.Utterances);
            string[] binary = ["low", "high", "no_label"];
            w.WritePropertyName("t1");
            Counts(w, binary, s.T1);
            w.WritePropertyName("t2");
            Counts(w, binary, s.T2);
            w.WritePropertyName("t3");
            Counts(w, s.T3Classes.Append("no_label").ToArray(), s.T3);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Counts(Utf8JsonWriter w, IReadOnlyList<string> labels, IReadOnlyList<int> counts)
    {
        w.WriteStartObject();
        for (int i = 0; i < labels.Count; i++) w.WriteNumber(labels[i], counts[i]);
        w.WriteEndObject();
    }

    private static void MeanStdObject(Utf8JsonWriter w, string name, MeanStd ms)
    {
        w.WriteStartObject(name);
        w.WriteNumber("mean", ms.Mean);
        Number(w, "std", ms.Std);
        w.WriteNumber("n", ms.N);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
        w.WriteEndArray();
    }

    /// <summary>The (fold, seed) pairs a table uses, as <c>"pairs": [{fold, seed}, …]</c>.</summary>
    internal static void WritePairs(Utf8JsonWriter w, IReadOnlyList<(int Fold, long Seed)> pairs)
    {
        w.WriteStartArray("pairs");
        foreach (var (fold, seed) in pairs)
        {
            w.WriteStartObject();
            w.WriteNumber("fold", fold);
            w.WriteNumber("seed", seed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
