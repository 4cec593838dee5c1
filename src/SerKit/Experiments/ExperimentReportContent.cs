using System.Reflection;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Pretext;

namespace SerKit.Experiments;

/// <summary>
/// Everything an experiment report shows, computed from the files of the experiment folder only: the protocol, the
/// runs, one table per label fraction, summed confusion matrices and mean learning curves of the main table's runs,
/// the label distributions of the folds and the pretext label distributions. Problems with optional inputs (folds,
/// manifests, pretext labels, training logs) become <see cref="Notes"/> instead of failures.
/// </summary>
internal sealed class ExperimentReportContent
{
    /// <summary>Sub-folders and files of the experiment folder the report reads.</summary>
    public const string FoldsFile = "folds/folds.json", LabelledManifest = "labelled/manifest.csv", PretextFolder = "pretext",
        TrainLogFile = "model/train_log.csv";

    private readonly List<string> _notes;

    private ExperimentReportContent(string directory, ExperimentProtocol protocol, string protocolJson, ExperimentRuns runs,
        IReadOnlyList<ReportFraction> fractions, IReadOnlyList<ReportConfusion> confusions, IReadOnlyList<ReportCurves> curves,
        ReportLabelCounts? labels, IReadOnlyList<ReportPretextCounts> pretext, List<string> notes, string? foldConstruction)
    {
        Directory = directory;
        Protocol = protocol;
        ProtocolJson = protocolJson;
        Runs = runs;
        Fractions = fractions;
        Confusions = confusions;
        Curves = curves;
        Labels = labels;
        Pretext = pretext;
        _notes = notes;
        FoldConstruction = foldConstruction;
    }

    public string Directory { get; }

    public ExperimentProtocol Protocol { get; }

    /// <summary>The text of protocol.json, embedded as is in results.json.</summary>
    public string ProtocolJson { get; }

    public ExperimentRuns Runs { get; }

    /// <summary>One entry per label fraction, ascending.</summary>
    public IReadOnlyList<ReportFraction> Fractions { get; }

    public ReportFraction Main => Fractions.Single(f => f.IsMain);

    public IReadOnlyList<ReportConfusion> Confusions { get; }

    public IReadOnlyList<ReportCurves> Curves { get; }

    public ReportLabelCounts? Labels { get; }

    public IReadOnlyList<ReportPretextCounts> Pretext { get; }

    /// <summary>The attribute study's tables and cluster summaries; null when the experiment has none.</summary>
    public ReportAttributes? Attributes { get; private init; }

    /// <summary>True when the experiment has SER conditions (an attribute study may run alone).</summary>
    public bool HasSer => Protocol.Conditions.Count > 0;

    /// <summary>Problems with optional inputs, one sentence each (they name the file).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Adds a note (e.g. a plot that could not be drawn).</summary>
    public void AddNote(string note) => _notes.Add(note);

    /// <summary>How the folds were built (folds.json <c>construction</c>), when known.</summary>
    public string? FoldConstruction { get; }

    /// <summary>This SerKit's version (informational version of the library).</summary>
    public static string SerKitVersion =>
        typeof(ExperimentReportContent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ExperimentReportContent).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Reads and computes the report of <paramref name="experimentDirectory"/>.</summary>
    public static ExperimentReportContent Load(string experimentDirectory)
    {
        var dir = Path.GetFullPath(experimentDirectory);
        if (!System.IO.Directory.Exists(dir)) throw new DirectoryNotFoundException($"{experimentDirectory}: no such experiment folder");
        var protocolPath = Path.Combine(dir, ExperimentProtocol.FileName);
        var protocol = ExperimentProtocol.Read(protocolPath);
        if (protocol.Conditions.Count > 0 && !protocol.Conditions.Contains(protocol.Baseline, StringComparer.Ordinal))
            throw new InvalidDataException($"{protocolPath}: the baseline '{protocol.Baseline}' is not one of the conditions ({string.Join(", ", protocol.Conditions)})");
        var runs = ExperimentRuns.Read(dir, protocol);
        var notes = new List<string>();

        var fractions = protocol.LabelFractions.Order().Select(f => LoadFraction(runs, f, f == runs.MainFraction)).ToArray();
        var main = fractions.Single(f => f.IsMain);
        var confusions = new List<ReportConfusion>();
        var curves = new List<ReportCurves>();
        if (main.Table != null)
            foreach (var row in main.Table.Rows)
            {
                var s = row.Summary;
                int k = protocol.Classes.Count;
                var sum = new int[k, k];
                foreach (var r in s.Runs)
                    for (int t = 0; t < k; t++)
                        for (int p = 0; p < k; p++)
                            sum[t, p] += r.Metrics.Count(t, p);
                confusions.Add(new ReportConfusion(s.Condition, ClassificationMetrics.FromConfusion(sum, protocol.Classes), s.Runs.Count));
                curves.Add(LoadCurves(dir, s.Condition, main, notes));
            }

        var (labels, construction) = LoadLabelCounts(dir, protocol, notes);
        var pretext = LoadPretextCounts(dir, notes);
        var attributes = ReportAttributes.Load(dir, protocol, notes);
        return new ExperimentReportContent(dir, protocol, File.ReadAllText(protocolPath), runs, fractions, confusions, curves,
            labels, pretext, notes, construction) { Attributes = attributes };
    }

    private static ReportFraction LoadFraction(ExperimentRuns runs, double fraction, bool isMain)
    {
        var protocol = runs.Protocol;
        var pairs = runs.CompletePairs(fraction);
        var withRuns = runs.ConditionsWithRuns(fraction);
        var without = protocol.Conditions.Where(c => !withRuns.Contains(c)).ToArray();
        var pairSet = pairs.ToHashSet();
        var used = new List<EvaluationResult>();
        var excluded = new List<ExperimentRunKey>();
        foreach (var (key, result) in runs.Found.Where(kv => kv.Key.LabelFraction == fraction)
                     .OrderBy(kv => protocol.Conditions.ToList().IndexOf(kv.Key.Condition)).ThenBy(kv => kv.Key.Fold).ThenBy(kv => kv.Key.Seed))
        {
            if (pairSet.Contains((key.Fold, key.Seed))) used.Add(result);
            else excluded.Add(key);
        }
        ComparisonTable? table = null;
        if (withRuns.Contains(protocol.Baseline) && pairs.Count > 0)
            table = ComparisonTable.Build(used, protocol.Baseline, protocol.Conditions,
                new ComparisonOptions { Metrics = ComparisonTable.AllMetrics, Aggregation = RunAggregation.FoldMeans });
        return new ReportFraction(fraction, isMain, pairs, without, excluded, table);
    }

    private static ReportCurves LoadCurves(string dir, string condition, ReportFraction main, List<string> notes)
    {
        var logs = new List<TrainLog>();
        var missing = new List<string>();
        foreach (var (fold, seed) in main.Pairs)
        {
            var relative = new ExperimentRunKey(condition, main.Fraction, fold, seed).RelativeFolder + "/" + TrainLogFile;
            var path = Path.Combine(dir, relative);
            if (!File.Exists(path)) { missing.Add(relative); continue; }
            try
            {
                var log = TrainLog.Read(path);
                if (log.Epochs.Count == 0 || log.Epochs.Distinct().Count() != log.Epochs.Count)
                    throw new ResultsFileException(path, null, log.Epochs.Count == 0 ? "no epochs" : "an epoch is listed twice");
                logs.Add(log);
            }
            catch (ResultsFileException e)
            {
                notes.Add($"learning curves of {condition} leave out a training log: {e.Message}");
                missing.Add(relative);
            }
        }
        return new ReportCurves(condition, logs.Count > 0 ? TrainLogAverage.Of(logs) : null, missing);
    }

    private static (ReportLabelCounts?, string?) LoadLabelCounts(string dir, ExperimentProtocol protocol, List<string> notes)
    {
        var foldsPath = Path.Combine(dir, FoldsFile);
        var manifestPath = Path.Combine(dir, LabelledManifest);
        IReadOnlyList<Utterance>? corpus = null;
        if (File.Exists(manifestPath))
        {
            try { corpus = Manifest.Load(manifestPath).Items; }
            catch (ManifestException e) { notes.Add($"no corpus label distribution: {e.Message}"); }
        }
        else notes.Add($"no corpus label distribution: {LabelledManifest} not found");

        var parts = new Dictionary<(int, FoldSplit), IReadOnlyList<Utterance>>();
        var folds = new List<int>();
        string? construction = null;
        if (File.Exists(foldsPath))
        {
            try
            {
                var speakerFolds = SpeakerFolds.Read(foldsPath);
                construction = SpeakerFolds.Construction;
                foreach (var fold in speakerFolds.Folds)
                {
                    foreach (var split in Enum.GetValues<FoldSplit>())
                        parts[(fold.Number, split)] = SpeakerFolds.LoadSplit(foldsPath, fold.Number, split).Items;
                    folds.Add(fold.Number);
                }
            }
            catch (ManifestException e)
            {
                notes.Add($"no per-fold label distributions: {e.Message}");
                parts.Clear();
                folds.Clear();
            }
        }
        else notes.Add($"no per-fold label distributions: {FoldsFile} not found");
        if (corpus == null && parts.Count == 0) return (null, construction);

        const string Unlabelled = "(no label)";
        var all = (corpus ?? []).Concat(parts.Values.SelectMany(p => p)).Select(u => u.Label ?? Unlabelled).Distinct(StringComparer.Ordinal).ToArray();
        var labels = protocol.Classes.Concat(all.Where(l => !protocol.Classes.Contains(l) && l != Unlabelled).Order(StringComparer.Ordinal))
            .Concat(all.Contains(Unlabelled) ? [Unlabelled] : Array.Empty<string>()).ToArray();
        IReadOnlyList<int> Count(IReadOnlyList<Utterance> items) =>
            labels.Select(l => items.Count(u => (u.Label ?? Unlabelled) == l)).ToArray();
        return (new ReportLabelCounts(labels, corpus == null ? null : Count(corpus), folds,
            parts.ToDictionary(kv => kv.Key, kv => Count(kv.Value))), construction);
    }

    private static IReadOnlyList<ReportPretextCounts> LoadPretextCounts(string dir, List<string> notes)
    {
        var root = Path.Combine(dir, PretextFolder);
        if (!System.IO.Directory.Exists(root))
        {
            notes.Add($"no pretext label distributions: {PretextFolder}/ not found");
            return [];
        }
        var result = new List<ReportPretextCounts>();
        foreach (var setDir in System.IO.Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var set = Path.GetFileName(setDir);
            if (!File.Exists(Path.Combine(setDir, PretextLabelSet.CsvFileName))) continue;
            try
            {
                var labels = PretextLabelSet.Read(setDir);
                int n = labels.Items.Count;
                int[] Binary(Func<PretextLabels, int?> task) =>
                    [labels.Items.Count(l => task(l) == 0), labels.Items.Count(l => task(l) == 1), labels.Items.Count(l => task(l) is null)];
                var t3 = Enumerable.Range(0, labels.T3Classes.Count).Select(c => labels.Items.Count(l => l.T3 == c))
                    .Append(labels.Items.Count(l => l.T3 is null)).ToArray();
                result.Add(new ReportPretextCounts(set, n, Binary(l => l.T1), Binary(l => l.T2), labels.T3Classes, t3));
            }
            catch (PretextFileException e)
            {
                notes.Add($"no pretext label distribution of set '{set}': {e.Message}");
            }
        }
        if (result.Count == 0 && notes.All(n => !n.Contains("pretext label distribution of set", StringComparison.Ordinal)))
            notes.Add($"no pretext label distributions: no {PretextFolder}/<set>/{PretextLabelSet.CsvFileName} found");
        return result;
    }
}
