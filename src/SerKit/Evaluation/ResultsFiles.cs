using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.IO;

namespace SerKit.Evaluation;

/// <summary>
/// Writes and reads the files of one evaluation, atomically:
/// <list type="bullet">
/// <item><c>results.json</c>: EmoBox's keys <c>wa, ua, micro_f1, macro_f1, confusion, num</c> (fractions in
/// [0, 1], as EmoBox's scikit-learn scores; <c>confusion</c> rows = truth, columns = prediction, over all
/// classes of <c>label_map</c>), plus <c>macro_precision, macro_recall, micro_precision, micro_recall</c>,
/// <c>per_class</c>, <c>protocol</c>, <c>speaker_independent</c>, <c>fold</c>, <c>seed</c>, <c>condition</c>,
/// <c>split</c>, <c>label_map</c> (class name → id) and <c>scale</c> (<c>"fraction"</c>); when the raters' votes are
/// known, also <c>multi_label</c> and <c>distribution</c> (see <see cref="VoteEvaluation"/>).</item>
/// <item><c>predictions.csv</c>: <c>key,prediction,label,score_&lt;class&gt;…</c>, class names in
/// <c>prediction</c> and <c>label</c> (empty label when unknown), one score column per class.</item>
/// </list>
/// </summary>
public static class ResultsFiles
{
    /// <summary>File name of the metrics of one evaluation.</summary>
    public const string ResultsFileName = "results.json";

    /// <summary>File name of the per-utterance predictions of one evaluation.</summary>
    public const string PredictionsFileName = "predictions.csv";

    private const string ScorePrefix = "score_";
    private const double ConsistencyTolerance = 1e-9;

    /// <summary>Writes <paramref name="m"/> and <paramref name="info"/> to <paramref name="path"/> (atomically, indented JSON).</summary>
    public static void WriteResultsJson(string path, ClassificationMetrics m, EvaluationInfo info) => WriteResultsJson(path, m, info, null);

    /// <summary>
    /// As above, plus (when <paramref name="votes"/> is given) the keys <c>multi_label</c> (decision and reference rules, macro/micro
    /// P/R/F1, samples F1, subset accuracy, per class) and <c>distribution</c> (mean Jensen–Shannon divergence in bits, mean
    /// cross-entropy and vote entropy in nats) of the evaluation against the raters' votes.
    /// </summary>
    public static void WriteResultsJson(string path, ClassificationMetrics m, EvaluationInfo info, VoteEvaluation? votes)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(info);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteNumber("wa", m.WA);
            w.WriteNumber("ua", m.UA);
            w.WriteNumber("micro_f1", m.MicroF1);
            w.WriteNumber("macro_f1", m.MacroF1);
            // One line per true class, so the matrix reads as a matrix.
            var confusion = m.Confusion;
            var rows = Enumerable.Range(0, m.Classes.Count).Select(t =>
                "    [" + string.Join(", ", Enumerable.Range(0, m.Classes.Count).Select(p => confusion[t, p].ToString(CultureInfo.InvariantCulture))) + "]");
            w.WritePropertyName("confusion");
            w.WriteRawValue("[\n" + string.Join(",\n", rows) + "\n  ]", skipInputValidation: true);
            w.WriteNumber("num", m.Num);
            w.WriteNumber("macro_precision", m.MacroPrecision);
            w.WriteNumber("macro_recall", m.MacroRecall);
            w.WriteNumber("micro_precision", m.MicroPrecision);
            w.WriteNumber("micro_recall", m.MicroRecall);
            w.WriteStartObject("per_class");
            for (int c = 0; c < m.Classes.Count; c++)
            {
                w.WriteStartObject(m.Classes[c]);
                w.WriteNumber("precision", m.PerClassPrecision[c]);
                w.WriteNumber("recall", m.PerClassRecall[c]);
                w.WriteNumber("f1", m.PerClassF1[c]);
                w.WriteNumber("support", m.Support[c]);
                w.WriteNumber("predicted", m.PredictedCount[c]);
                w.WriteBoolean("in_macro_average", m.InMacroAverage[c]);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("protocol", info.Protocol);
            w.WriteBoolean("speaker_independent", info.SpeakerIndependent);
            if (info.Fold is { } fold) w.WriteNumber("fold", fold); else w.WriteNull("fold");
            if (info.Seed is { } seed) w.WriteNumber("seed", seed); else w.WriteNull("seed");
            if (info.Condition is { } condition) w.WriteString("condition", condition); else w.WriteNull("condition");
            if (info.Split is { } split) w.WriteString("split", split); else w.WriteNull("split");
            if (info.LabelFraction is { } fraction) w.WriteNumber("label_fraction", fraction);
            w.WriteStartObject("label_map");
            for (int c = 0; c < m.Classes.Count; c++) w.WriteNumber(m.Classes[c], c);
            w.WriteEndObject();
            w.WriteString("scale", "fraction");
            if (votes != null) WriteVotes(w, votes);
            w.WriteEndObject();
        });
    }

    private static void WriteVotes(Utf8JsonWriter w, VoteEvaluation votes)
    {
        var ml = votes.MultiLabel;
        w.WriteStartObject("multi_label");
        w.WriteString("decision_rule", VoteEvaluation.DecisionRule);
        w.WriteString("reference_rule", VoteEvaluation.ReferenceRule);
        w.WriteNumber("num", ml.Num);
        w.WriteNumber("macro_f1", ml.MacroF1);
        w.WriteNumber("micro_f1", ml.MicroF1);
        w.WriteNumber("macro_precision", ml.MacroPrecision);
        w.WriteNumber("macro_recall", ml.MacroRecall);
        w.WriteNumber("micro_precision", ml.MicroPrecision);
        w.WriteNumber("micro_recall", ml.MicroRecall);
        w.WriteNumber("samples_f1", ml.SamplesF1);
        w.WriteNumber("subset_accuracy", ml.SubsetAccuracy);
        w.WriteStartObject("per_class");
        for (int c = 0; c < ml.Classes.Count; c++)
        {
            w.WriteStartObject(ml.Classes[c]);
            w.WriteNumber("precision", ml.PerClassPrecision[c]);
            w.WriteNumber("recall", ml.PerClassRecall[c]);
            w.WriteNumber("f1", ml.PerClassF1[c]);
            w.WriteNumber("support", ml.Support[c]);
            w.WriteNumber("predicted", ml.PredictedCount[c]);
            w.WriteBoolean("in_macro_average", ml.InMacroAverage[c]);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        var d = votes.Distribution;
        w.WriteStartObject("distribution");
        w.WriteString("reference", "vote shares (votes per class / all votes)");
        w.WriteNumber("num", d.Num);
        w.WriteNumber("mean_js_divergence", d.MeanJsDivergence);
        w.WriteNumber("mean_cross_entropy", d.MeanCrossEntropy);
        w.WriteNumber("mean_vote_entropy", d.MeanVoteEntropy);
        w.WriteString("js_divergence_unit", "bits (base 2, in [0, 1])");
        w.WriteString("cross_entropy_unit", "nats");
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a <c>results.json</c>. The metrics are recomputed from <c>confusion</c> and <c>label_map</c>
    /// and checked against the stored <c>wa, ua, micro_f1, macro_f1</c> and macro/micro precision and
    /// recall (within 1e-9), so an edited or inconsistent file is refused.
    /// </summary>
    /// <exception cref="ResultsFileException">The file is missing, malformed, lacks a key, or is inconsistent.</exception>
    public static EvaluationResult ReadResultsJson(string path)
    {
        if (!File.Exists(path)) throw new ResultsFileException(path, null, "file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ResultsFileException(path, e.LineNumber is { } l ? $"line {l + 1}" : null, "malformed JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ResultsFileException(path, null, "expected a JSON object");

            var labelMap = Required(path, root, "label_map", JsonValueKind.Object);
            var byId = new SortedDictionary<int, string>();
            foreach (var property in labelMap.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var id))
                    throw new ResultsFileException(path, "key label_map", $"class '{property.Name}' maps to {property.Value}, not an integer id");
                if (!byId.TryAdd(id, property.Name))
                    throw new ResultsFileException(path, "key label_map", $"id {id} is given to both '{byId[id]}' and '{property.Name}'");
            }
            if (byId.Count == 0) throw new ResultsFileException(path, "key label_map", "no classes");
            if (byId.Keys.First() != 0 || byId.Keys.Last() != byId.Count - 1)
                throw new ResultsFileException(path, "key label_map", $"class ids must be 0..{byId.Count - 1}, got {string.Join(", ", byId.Keys)}");
            var classes = byId.Values.ToArray();
            int k = classes.Length;

            var confusionElement = Required(path, root, "confusion", JsonValueKind.Array);
            var confusion = new int[k, k];
            int row = 0;
            foreach (var r in confusionElement.EnumerateArray())
            {
                if (row >= k || r.ValueKind != JsonValueKind.Array || r.GetArrayLength() != k)
                    throw new ResultsFileException(path, "key confusion", $"expected a {k}×{k} matrix (one row and column per class of label_map)");
                int col = 0;
                foreach (var v in r.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var count) || count < 0)
                        throw new ResultsFileException(path, "key confusion", $"row {row}, column {col}: {v} is not a non-negative integer count");
                    confusion[row, col++] = count;
                }
                row++;
            }
            if (row != k) throw new ResultsFileException(path, "key confusion", $"expected {k} rows, got {row}");

            ClassificationMetrics m;
            try { m = ClassificationMetrics.FromConfusion(confusion, classes); }
            catch (ArgumentException e) { throw new ResultsFileException(path, "key confusion", e.Message, e); }

            int num = Required(path, root, "num", JsonValueKind.Number).GetInt32();
            if (num != m.Num) throw new ResultsFileException(path, "key num", $"num is {num} but the confusion matrix holds {m.Num} samples");
            Check(path, root, "wa", m.WA);
            Check(path, root, "ua", m.UA);
            Check(path, root, "micro_f1", m.MicroF1);
            Check(path, root, "macro_f1", m.MacroF1);
            Check(path, root, "macro_precision", m.MacroPrecision);
            Check(path, root, "macro_recall", m.MacroRecall);
            Check(path, root, "micro_precision", m.MicroPrecision);
            Check(path, root, "micro_recall", m.MicroRecall);

            var protocol = Required(path, root, "protocol", JsonValueKind.String).GetString()!;
            var speakerIndependent = root.TryGetProperty("speaker_independent", out var si) && si.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? si.GetBoolean()
                : throw new ResultsFileException(path, "key speaker_independent", "missing or not true/false");
            var info = new EvaluationInfo(protocol, speakerIndependent,
                OptionalInt(path, root, "fold"),
                OptionalLong(path, root, "seed"),
                OptionalString(path, root, "condition"),
                OptionalString(path, root, "split"),
                OptionalDouble(path, root, "label_fraction"));
            return new EvaluationResult(info, m, path);
        }
    }

    /// <summary>
    /// Every <c>results.json</c> of one evaluation under <paramref name="folder"/> (recursively), in
    /// ordinal path order. Comparison tables written by <see cref="ComparisonTable.WriteJson"/> under the
    /// same name (they hold a <c>conditions</c> key and no <c>confusion</c>) and attribute results
    /// (<see cref="Attributes.AttributeResultsFiles"/>) are left out.
    /// </summary>
    public static IReadOnlyList<string> FindResults(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: folder not found");
        return Directory.EnumerateFiles(folder, ResultsFileName, SearchOption.AllDirectories)
            .Where(p => !IsComparisonTable(p) && !Attributes.AttributeResultsFiles.IsAttributeResults(p))
            .OrderBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="path"/> is a comparison table or an experiment report (no <c>confusion</c>; key <c>conditions</c>,
    /// or a <c>format</c> starting with <c>serkit-experiment-report</c>) rather than one evaluation.
    /// </summary>
    public static bool IsComparisonTable(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && !root.TryGetProperty("confusion", out _)
                && (root.TryGetProperty("conditions", out _)
                    || (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                        && format.GetString()!.StartsWith("serkit-experiment-report", StringComparison.Ordinal)));
        }
        catch (JsonException)
        {
            return false; // malformed: let ReadResultsJson report it
        }
    }

    /// <summary>Reads every <c>results.json</c> under <paramref name="folder"/> (recursively).</summary>
    public static IReadOnlyList<EvaluationResult> ReadAll(string folder) =>
        FindResults(folder).Select(ReadResultsJson).ToArray();

    /// <summary>
    /// Writes <paramref name="predictions"/> as <c>key,prediction,label,score_&lt;class&gt;…</c> (atomically).
    /// Scores are written with the shortest text that reads back to the same float.
    /// </summary>
    /// <exception cref="ArgumentException">A prediction has the wrong number of scores or a class id outside the classes.</exception>
    public static void WritePredictionsCsv(string path, IReadOnlyList<Prediction> predictions, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException("no classes given", nameof(classes));
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count) throw new ArgumentException("class names must be distinct", nameof(classes));
        int k = classes.Count;
        foreach (var p in predictions)
        {
            if (p.Scores.Length != k) throw new ArgumentException($"prediction '{p.Key}' has {p.Scores.Length} scores for {k} classes", nameof(predictions));
            if ((uint)p.Predicted >= (uint)k) throw new ArgumentException($"prediction '{p.Key}' is class {p.Predicted}, not in 0..{k - 1}", nameof(predictions));
            if (p.Truth is { } t && (uint)t >= (uint)k) throw new ArgumentException($"label of '{p.Key}' is class {t}, not in 0..{k - 1}", nameof(predictions));
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, CsvConfiguration());
            csv.WriteField("key");
            csv.WriteField("prediction");
            csv.WriteField("label");
            foreach (var c in classes) csv.WriteField(ScorePrefix + c);
            csv.NextRecord();
            foreach (var p in predictions)
            {
                csv.WriteField(p.Key);
                csv.WriteField(classes[p.Predicted]);
                csv.WriteField(p.Truth is { } t ? classes[t] : "");
                foreach (var s in p.Scores) csv.WriteField(s.ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        });
    }

    /// <summary>Reads a <c>predictions.csv</c>; the classes come from the <c>score_&lt;class&gt;</c> columns, in order.</summary>
    /// <exception cref="ResultsFileException">The file is missing, lacks a column, or holds an unknown class or a bad score.</exception>
    public static PredictionTable ReadPredictionsCsv(string path)
    {
        if (!File.Exists(path)) throw new ResultsFileException(path, null, "file not found");
        var predictions = new List<Prediction>();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, CsvConfiguration());
            if (!parser.Read()) throw new ResultsFileException(path, null, "empty file (no header line)");
            var header = (parser.Record ?? Array.Empty<string>()).Select(h => h.Trim()).ToArray();
            int keyCol = Array.IndexOf(header, "key"), predCol = Array.IndexOf(header, "prediction"), labelCol = Array.IndexOf(header, "label");
            var missing = new[] { ("key", keyCol), ("prediction", predCol), ("label", labelCol) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToArray();
            var scoreCols = Enumerable.Range(0, header.Length).Where(i => header[i].StartsWith(ScorePrefix, StringComparison.Ordinal)).ToArray();
            if (scoreCols.Length == 0) missing = missing.Append("score_<class>").ToArray();
            if (missing.Length > 0)
                throw new ResultsFileException(path, "line 1", $"missing column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} (header has: {string.Join(", ", header)})");
            var classes = scoreCols.Select(i => header[i][ScorePrefix.Length..]).ToArray();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < classes.Length; c++)
                if (!ids.TryAdd(classes[c], c)) throw new ResultsFileException(path, "line 1", $"column {ScorePrefix}{classes[c]} appears twice");

            while (parser.Read())
            {
                var record = parser.Record ?? Array.Empty<string>();
                string line = $"line {parser.RawRow}";
                if (record.Length != header.Length)
                    throw new ResultsFileException(path, line, $"{record.Length} fields where the header has {header.Length}");
                var predicted = record[predCol].Trim();
                if (!ids.TryGetValue(predicted, out var predictedId))
                    throw new ResultsFileException(path, line, $"prediction '{predicted}' is not one of the classes {string.Join(", ", classes)}");
                var label = record[labelCol].Trim();
                int? truth = null;
                if (label.Length > 0)
                {
                    if (!ids.TryGetValue(label, out var t))
                        throw new ResultsFileException(path, line, $"label '{label}' is not one of the classes {string.Join(", ", classes)}");
                    truth = t;
                }
                var scores = new float[classes.Length];
                for (int c = 0; c < classes.Length; c++)
                {
                    var text = record[scoreCols[c]].Trim();
                    if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out scores[c]) || !float.IsFinite(scores[c]))
                        throw new ResultsFileException(path, line, $"{header[scoreCols[c]]} '{text}' is not a finite number");
                }
                predictions.Add(new Prediction(record[keyCol], predictedId, truth, scores));
            }
            return new PredictionTable(classes, predictions);
        }
        catch (CsvHelperException e)
        {
            throw new ResultsFileException(path, e.Context?.Parser is { } p ? $"line {p.RawRow}" : null, "malformed CSV: " + e.Message.Split('\n')[0], e);
        }
    }

    private static CsvConfiguration CsvConfiguration() => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        NewLine = "\n",
        DetectColumnCountChanges = false,
    };

    private static JsonElement Required(string path, JsonElement root, string key, JsonValueKind kind)
    {
        if (!root.TryGetProperty(key, out var value)) throw new ResultsFileException(path, $"key {key}", "missing");
        if (value.ValueKind != kind) throw new ResultsFileException(path, $"key {key}", $"expected a JSON {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}");
        return value;
    }

    private static void Check(string path, JsonElement root, string key, double recomputed)
    {
        double stored = Required(path, root, key, JsonValueKind.Number).GetDouble();
        if (Math.Abs(stored - recomputed) > ConsistencyTolerance)
            throw new ResultsFileException(path, $"key {key}",
                $"stored {stored.ToString("R", CultureInfo.InvariantCulture)} but the confusion matrix gives {recomputed.ToString("R", CultureInfo.InvariantCulture)} (values are fractions, not percentages)");
    }

    private static int? OptionalInt(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw new ResultsFileException(path, $"key {key}", $"{v} is not an integer");

    private static long? OptionalLong(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i
        : throw new ResultsFileException(path, $"key {key}", $"{v} is not an integer");

    private static string? OptionalString(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new ResultsFileException(path, $"key {key}", $"{v} is not a string");

    private static double? OptionalDouble(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new ResultsFileException(path, $"key {key}", $"{v} is not a number");
}
