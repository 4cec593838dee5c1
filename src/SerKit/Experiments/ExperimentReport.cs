using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>
/// The report of an experiment folder (<c>serkit report DIR</c>): reads only the files of the folder's fixed layout
/// (<c>protocol.json</c>, <c>runs/&lt;slug&gt;/labels&lt;P&gt;/fold&lt;k&gt;/seed&lt;s&gt;/results.json</c> and their
/// <c>model/train_log.csv</c>, <c>folds/</c>, <c>labelled/manifest.csv</c>, <c>pretext/&lt;set&gt;/pretext.csv</c>) and
/// writes, atomically, <c>results.md</c>, <c>results.json</c> and the PNGs under <c>plots/</c>: the paper's table at the
/// main (largest) label fraction with macro and micro P/R/F1, UA and WA, gains and paired tests; per-fold tables; the
/// label-efficiency table and plot; summed confusion matrices; mean learning curves; label and pretext label
/// distributions; and the exact protocol. A partial experiment is reported as such, and its tables use only the
/// (fold, seed) pairs every condition has finished.
/// </summary>
public static class ExperimentReport
{
    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFileName = "results.md";

    /// <summary>The JSON report's file name.</summary>
    public const string JsonFileName = "results.json";

    /// <summary>The folder of the PNGs.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>Value of the <c>format</c> key of the JSON report.</summary>
    public const string FormatName = "serkit-experiment-report/1";

    /// <summary>(Re)writes the report of <paramref name="experimentDirectory"/>; returns what was written.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has no <c>protocol.json</c>.</exception>
    /// <exception cref="InvalidDataException">The protocol or a run's <c>results.json</c> is inconsistent.</exception>
    /// <exception cref="ResultsFileException">A run's <c>results.json</c> is malformed.</exception>
    public static ExperimentReportResult Write(string experimentDirectory)
    {
        ArgumentNullException.ThrowIfNull(experimentDirectory);
        var content = ExperimentReportContent.Load(experimentDirectory);
        var plots = WritePlots(content);
        var jsonPath = Path.Combine(content.Directory, JsonFileName);
        var mdPath = Path.Combine(content.Directory, MarkdownFileName);
        ExperimentReportJson.Write(jsonPath, content, plots);
        AtomicFile.WriteAllText(mdPath, ExperimentReportMarkdown.Render(content, plots));
        var runs = content.Runs;
        return new ExperimentReportResult(mdPath, jsonPath, plots, runs.Expected.Count, runs.Found.Count, runs.Missing, content.Notes)
        {
            ExpectedAttributeRuns = content.Attributes?.Runs.Expected.Count ?? 0,
            FoundAttributeRuns = content.Attributes?.Runs.Found.Count ?? 0,
        };
    }

    private static IReadOnlyList<ReportPlot> WritePlots(ExperimentReportContent content)
    {
        var plots = new List<ReportPlot>();
        var main = content.Main;
        string Add(string kind, string? subject, string fileName)
        {
            var relative = PlotsFolder + "/" + fileName;
            plots.Add(new ReportPlot(kind, subject, relative));
            return Path.Combine(content.Directory, PlotsFolder, fileName);
        }

        foreach (var c in content.Confusions)
            EvaluationPlots.ConfusionMatrixPng(Add("confusion", c.Condition, $"confusion_{ExperimentRuns.Slug(c.Condition)}.png"), c.Metrics,
                $"{c.Condition}, {c.Runs} runs");

        foreach (var c in content.Curves)
        {
            if (c.Average is not { } average) continue;
            var fileName = $"learning_curves_{ExperimentRuns.Slug(c.Condition)}.png";
            try
            {
                AggregatePlots.MeanLearningCurvesPng(Path.Combine(content.Directory, PlotsFolder, fileName), average, c.Condition);
                plots.Add(new ReportPlot("learning_curves", c.Condition, PlotsFolder + "/" + fileName));
            }
            catch (ArgumentException e)
            {
                content.AddNote($"no learning curves of {c.Condition}: {e.Message}");
            }
        }

        var series = new List<LabelEfficiencySeries>();
        foreach (var condition in content.Protocol.Conditions)
        {
            var points = content.Fractions
                .Select(f => (f.Fraction, Row: f.Table?.Rows.FirstOrDefault(r => r.Summary.Condition == condition)))
                .Where(p => p.Row != null).ToArray();
            if (points.Length > 0)
                series.Add(new LabelEfficiencySeries(condition, points.Select(p => p.Fraction).ToArray(),
                    points.Select(p => p.Row!.Summary.Summary("macro_f1")).ToArray()));
        }
        if (series.Count > 0)
            AggregatePlots.LabelEfficiencyPng(Add("label_efficiency", null, "label_efficiency.png"), series, "Macro F1",
                "Label efficiency: macro F1 (mean ± std over folds)");

        if (content.Labels is { } labels)
        {
            if (labels.Folds.Count > 0)
                foreach (var split in Enum.GetValues<FoldSplit>())
                {
                    var name = SplitName(split);
                    var groups = labels.Folds.Select(k => new KeyValuePair<string, IReadOnlyList<int>>($"fold {k}", labels.Parts[(k, split)])).ToArray();
                    AggregatePlots.GroupedLabelDistributionPng(Add("labels", name, $"labels_{name}.png"), labels.Labels, groups,
                        $"Labels of the {SplitTitle(split)} speakers, per fold");
                }
            if (labels.Corpus is { } corpus)
                EvaluationPlots.LabelDistributionPng(Add("labels", "corpus", "labels_corpus.png"),
                    labels.Labels.Select((l, i) => new KeyValuePair<string, int>(l, corpus[i])).ToArray(), "Labels of the labelled corpus");
        }

        if (content.Attributes is { } attributes) plots.AddRange(attributes.WritePlots(content.Directory));

        foreach (var p in content.Pretext)
            AggregatePlots.LabelDistributionPanelsPng(Add("pretext", p.Set, $"pretext_{p.Set}.png"),
            [
                new LabelCounts($"T1 energy ({p.Set})", BinaryCounts(p.T1)),
                new LabelCounts($"T2 facial activation ({p.Set})", BinaryCounts(p.T2)),
                new LabelCounts($"T3 AU emotion ({p.Set})",
                    p.T3Classes.Append("no label").Select((c, i) => new KeyValuePair<string, int>(c, p.T3[i])).ToArray()),
            ]);
        return plots;
    }

    private static KeyValuePair<string, int>[] BinaryCounts(IReadOnlyList<int> lowHighNone) =>
        [new("low", lowHighNone[0]), new("high", lowHighNone[1]), new("no label", lowHighNone[2])];

    /// <summary>The split's name in file names and JSON: <c>train</c>, <c>valid</c>, <c>test</c>.</summary>
    internal static string SplitName(FoldSplit split) => split.ToString().ToLowerInvariant();

    /// <summary>The split in prose: training, validation, test.</summary>
    internal static string SplitTitle(FoldSplit split) => split switch
    {
        FoldSplit.Train => "training",
        FoldSplit.Valid => "validation",
        _ => "test",
    };
}
