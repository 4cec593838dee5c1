using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.Evaluation;
using SerKit.IO;

namespace SerKit.Attributes;

/// <summary>
/// The files of one attribute evaluation, written atomically:
/// <list type="bullet">
/// <item><c>results.json</c>: <c>format</c> = <c>serkit-attribute-results</c>, <c>attributes</c> (in order), <c>ccc</c>, <c>pearson</c>,
/// <c>rmse</c> (objects keyed by attribute), <c>mean_ccc</c>, <c>num</c>, and as in the classification results <c>protocol</c>,
/// <c>speaker_independent</c>, <c>fold</c>, <c>seed</c>, <c>condition</c>, <c>split</c>. The classification readers
/// (<see cref="ResultsFiles.FindResults"/>) skip these files; <see cref="FindResults"/> finds them.</item>
/// <item><c>predictions.csv</c>: <c>key,pred_&lt;attribute&gt;…,true_&lt;attribute&gt;…[,cluster]</c> (true values empty when unknown; the
/// cluster column when the model has k-means centroids).</item>
/// </list>
/// </summary>
public static class AttributeResultsFiles
{
    /// <summary>The <c>format</c> value of an attribute results file.</summary>
    public const string Format = "serkit-attribute-results";

    private const double ConsistencyTolerance = 1e-9;

    /// <summary>Writes <paramref name="m"/> and <paramref name="info"/> to <paramref name="path"/>; <paramref name="clusters"/> (the model's k-means clusters, if any) is recorded too.</summary>
    public static void WriteResultsJson(string path, AttributeMetrics m, EvaluationInfo info, int? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(info);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("format_version", 1);
            w.WriteStartArray("attributes");
            foreach (var a in m.Attributes) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteNumber("mean_ccc", m.MeanCcc);
            foreach (var (key, values) in new[] { ("ccc", m.Ccc), ("pearson", m.Pearson), ("rmse", m.Rmse) })
            {
                w.WriteStartObject(key);
                for (int a = 0; a < m.Attributes.Count; a++) w.WriteNumber(m.Attributes[a], values[a]);
                w.WriteEndObject();
            }
            w.WriteNumber("num", m.Num);
            w.WriteString("protocol", info.Protocol);
            w.WriteBoolean("speaker_independent", info.SpeakerIndependent);
            if (info.Fold is { } fold) w.WriteNumber("fold", fold); else w.WriteNull("fold");
            if (info.Seed is { } seed) w.WriteNumber("seed", seed); else w.WriteNull("seed");
            if (info.Condition is { } condition) w.WriteString("condition", condition); else w.WriteNull("condition");
            if (info.Split is { } split) w.WriteString("split", split); else w.WriteNull("split");
            if (info.LabelFraction is { } fraction) w.WriteNumber("label_fraction", fraction);
            if (clusters is { } k) w.WriteNumber("clusters", k); else w.WriteNull("clusters");
            w.WriteEndObject();
        });
    }

    /// <summary>True when <paramref name="path"/> is a JSON object whose <c>format</c> is <see cref="Format"/>.</summary>
    public static bool IsAttributeResults(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out var f)
                && f.ValueKind == JsonValueKind.String && f.GetString() == Format;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Every attribute <c>results.json</c> under <paramref name="folder"/> (recursively), in ordinal path order.</summary>
    public static IReadOnlyList<string> FindResults(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: folder not found");
        return Directory.EnumerateFiles(folder, ResultsFiles.ResultsFileName, SearchOption.AllDirectories)
            .Where(IsAttributeResults).OrderBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Reads an attribute <c>results.json</c>; <c>mean_ccc</c> must equal the mean of <c>ccc</c> (within 1e-9).</summary>
    /// <exception cref="ResultsFileException">The file is missing, malformed, not an attribute results file, lacks a key or is inconsistent.</exception>
    public static AttributeEvaluationResult ReadResultsJson(string path)
    {
        if (!File.Exists(path)) throw new ResultsFileException(path, null, "file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ResultsFileException(path, null, "malformed JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new ResultsFileException(path, "key format", $"not an attribute results file (format '{Format}' expected)");
            if (!root.TryGetProperty("attributes", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new ResultsFileException(path, "key attributes", "missing or empty");
            var attributes = list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ResultsFileException(path, "key attributes", $"{e} is not a name")).ToArray();
            double[] Values(string key)
            {
                if (!root.TryGetProperty(key, out var o) || o.ValueKind != JsonValueKind.Object) throw new ResultsFileException(path, $"key {key}", "missing or not an object");
                return attributes.Select(a => o.TryGetProperty(a, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble()
                    : throw new ResultsFileException(path, $"key {key}", $"no number for attribute '{a}'")).ToArray();
            }
            var m = new AttributeMetrics(attributes, Values("ccc"), Values("pearson"), Values("rmse"), Number(path, root, "num") is var n && n == Math.Floor(n) && n >= 1 ? (int)n
                : throw new ResultsFileException(path, "key num", $"{n} is not a positive count"));
            double mean = Number(path, root, "mean_ccc");
            if (Math.Abs(mean - m.MeanCcc) > ConsistencyTolerance)
                throw new ResultsFileException(path, "key mean_ccc", $"stored {mean.ToString("R", CultureInfo.InvariantCulture)} but the mean of ccc is {m.MeanCcc.ToString("R", CultureInfo.InvariantCulture)}");
            var protocol = root.TryGetProperty("protocol", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new ResultsFileException(path, "key protocol", "missing or not a string");
            bool independent = root.TryGetProperty("speaker_independent", out var si) && si.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? si.GetBoolean() : throw new ResultsFileException(path, "key speaker_independent", "missing or not true/false");
            var info = new EvaluationInfo(protocol, independent,
                Optional(root, "fold") is { } f ? (int)f : null,
                Optional(root, "seed") is { } s ? (long)s : null,
                OptionalString(root, "condition"), OptionalString(root, "split"), Optional(root, "label_fraction"));
            return new AttributeEvaluationResult(info, m, path);
        }
    }

    /// <summary>Writes the predictions (atomically); values with the shortest text that reads back to the same double.</summary>
    /// <exception cref="ArgumentException">A prediction has the wrong number of values.</exception>
    public static void WritePredictionsCsv(string path, IReadOnlyList<AttributePrediction> predictions, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        foreach (var p in predictions)
            if (p.Predicted.Length != attributes.Count || (p.Truth is { } t && t.Length != attributes.Count))
                throw new ArgumentException($"prediction '{p.Key}' does not have one value per attribute ({string.Join(", ", attributes)})", nameof(predictions));
        bool clusters = predictions.Any(p => p.Cluster is not null);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, NewLine = "\n" });
            csv.WriteField("key");
            foreach (var a in attributes) csv.WriteField("pred_" + a);
            foreach (var a in attributes) csv.WriteField("true_" + a);
            if (clusters) csv.WriteField("cluster");
            csv.NextRecord();
            foreach (var p in predictions)
            {
                csv.WriteField(p.Key);
                foreach (var v in p.Predicted) csv.WriteField(v.ToString("R", CultureInfo.InvariantCulture));
                for (int a = 0; a < attributes.Count; a++) csv.WriteField(p.Truth is { } t ? t[a].ToString("R", CultureInfo.InvariantCulture) : "");
                if (clusters) csv.WriteField(p.Cluster is { } c ? c.ToString(CultureInfo.InvariantCulture) : "");
                csv.NextRecord();
            }
        });
    }

    private static double Number(string path, JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ResultsFileException(path, $"key {key}", "missing or not a number");

    private static double? Optional(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? OptionalString(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
