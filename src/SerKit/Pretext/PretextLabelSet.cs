using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.IO;

namespace SerKit.Pretext;

/// <summary>
/// The pretext labels of a corpus: one <see cref="PretextLabels"/> per utterance and the T3
/// class order. Stored as <c>pretext.csv</c> (header
/// <c>id,t1,t2,t3,energy_db_mean,energy_z,activation,valid_frame_share,t3_share</c>; t1/t2
/// <c>high</c>|<c>low</c>|empty, t3 a class name or empty) and, next to it, <c>pretext.json</c>
/// holding <c>t3_classes</c> and the run's details (options, counts, medians). Both files are
/// written atomically, the JSON first.
/// </summary>
public sealed class PretextLabelSet
{
    /// <summary>The CSV header, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "t1", "t2", "t3", "energy_db_mean", "energy_z", "activation", "valid_frame_share", "t3_share"];

    /// <summary>Class names of the binary tasks T1 and T2, by label value: 0 = <c>low</c>, 1 = <c>high</c>.</summary>
    public static readonly IReadOnlyList<string> BinaryClasses = ["low", "high"];

    /// <summary>The CSV file name written into an output folder.</summary>
    public const string CsvFileName = "pretext.csv";

    /// <summary>The JSON file name written next to the CSV.</summary>
    public const string JsonFileName = "pretext.json";

    /// <summary>Value of the JSON <c>format</c> key.</summary>
    public const string FormatName = "serkit-pretext/1";

    private readonly Dictionary<string, PretextLabels> _labels;

    /// <summary>
    /// Makes a label set. Ids must be unique, T1/T2 must be 0, 1 or null and T3 an index into
    /// <paramref name="t3Classes"/> or null. <paramref name="details"/> (options, counts,
    /// medians…) is written into <c>pretext.json</c> beside <c>t3_classes</c>.
    /// </summary>
    public PretextLabelSet(IReadOnlyList<string> t3Classes, IEnumerable<PretextLabels> items, JsonObject? details = null)
    {
        ArgumentNullException.ThrowIfNull(t3Classes);
        ArgumentNullException.ThrowIfNull(items);
        if (t3Classes.Distinct(StringComparer.Ordinal).Count() != t3Classes.Count)
            throw new ArgumentException("T3 class names must be distinct", nameof(t3Classes));
        if (t3Classes.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("T3 class names must not be empty", nameof(t3Classes));
        T3Classes = t3Classes.ToArray();
        Items = items.ToArray();
        _labels = new Dictionary<string, PretextLabels>(StringComparer.Ordinal);
        foreach (var l in Items)
        {
            if (string.IsNullOrEmpty(l.Id)) throw new ArgumentException("an utterance id is empty", nameof(items));
            if (!_labels.TryAdd(l.Id, l)) throw new ArgumentException($"utterance id '{l.Id}' appears twice", nameof(items));
            if (l.T1 is not (null or 0 or 1)) throw new ArgumentException($"{l.Id}: T1 must be 0, 1 or null, not {l.T1}", nameof(items));
            if (l.T2 is not (null or 0 or 1)) throw new ArgumentException($"{l.Id}: T2 must be 0, 1 or null, not {l.T2}", nameof(items));
            if (l.T3 is { } c && (c < 0 || c >= T3Classes.Count))
                throw new ArgumentException($"{l.Id}: T3 index {c} is outside the {T3Classes.Count} classes", nameof(items));
        }
        Details = details?.DeepClone().AsObject() ?? new JsonObject();
    }

    /// <summary>T3 class names; <see cref="PretextLabels.T3"/> indexes this list.</summary>
    public IReadOnlyList<string> T3Classes { get; }

    /// <summary>The labels in file (manifest) order.</summary>
    public IReadOnlyList<PretextLabels> Items { get; }

    /// <summary>The labels by utterance id.</summary>
    public IReadOnlyDictionary<string, PretextLabels> Labels => _labels;

    /// <summary>Everything else in <c>pretext.json</c> (options, counts, medians…).</summary>
    public JsonObject Details { get; }

    /// <summary>The labels of <paramref name="id"/>, or false when the id is not in the set.</summary>
    public bool TryGet(string id, out PretextLabels labels)
    {
        if (_labels.TryGetValue(id, out var l)) { labels = l; return true; }
        labels = null!;
        return false;
    }

    /// <summary>
    /// Writes <c>pretext.csv</c> and <c>pretext.json</c>. <paramref name="path"/> is an existing
    /// folder (files go inside it) or the CSV path (the JSON gets the same name with .json).
    /// </summary>
    public void Write(string path)
    {
        var (csvPath, jsonPath) = PathsFor(path);
        var json = new JsonObject
        {
            ["format"] = FormatName,
            ["t3_classes"] = new JsonArray(T3Classes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        };
        foreach (var (key, value) in Details)
        {
            if (key is "format" or "t3_classes") continue;
            json[key] = value?.DeepClone();
        }
        AtomicFile.WriteAllText(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.Write(csvPath, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, CsvConfig());
            foreach (var h in Columns) csv.WriteField(h);
            csv.NextRecord();
            foreach (var l in Items)
            {
                csv.WriteField(l.Id);
                csv.WriteField(HighLow(l.T1));
                csv.WriteField(HighLow(l.T2));
                csv.WriteField(l.T3 is { } c ? T3Classes[c] : "");
                csv.WriteField(Number(l.EnergyDbMean));
                csv.WriteField(Number(l.EnergyZ));
                csv.WriteField(Number(l.Activation));
                csv.WriteField(Number(l.ValidFrameShare));
                csv.WriteField(Number(l.T3Share));
                csv.NextRecord();
            }
        });
    }

    /// <summary>
    /// Reads a label set. <paramref name="path"/> is the output folder or the CSV; the JSON
    /// (same name, .json) must be next to it since it holds the T3 class order. Throws
    /// <see cref="PretextFileException"/> naming the file, line and problem.
    /// </summary>
    public static PretextLabelSet Read(string path)
    {
        var (csvPath, jsonPath) = PathsFor(path);
        if (!File.Exists(csvPath)) throw new PretextFileException(csvPath, null, "no such file");
        if (!File.Exists(jsonPath)) throw new PretextFileException(jsonPath, null, "no such file (it holds the T3 class order of " + Path.GetFileName(csvPath) + ")");
        var (classes, details) = ReadJson(jsonPath);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++) index[classes[i]] = i;

        var items = new List<PretextLabels>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var reader = new StreamReader(csvPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, CsvConfig());
            if (!parser.Read()) throw new PretextFileException(csvPath, null, "empty file (no header line)");
            var header = (parser.Record ?? []).Select(h => h.Trim()).ToArray();
            var col = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++) col.TryAdd(header[i], i);
            var missing = Columns.Where(c => !col.ContainsKey(c)).ToArray();
            if (missing.Length > 0)
                throw new PretextFileException(csvPath, "line 1", $"missing column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} (header has: {string.Join(", ", header)})");
            while (parser.Read())
            {
                var r = parser.Record ?? [];
                var where = $"line {parser.RawRow}";
                if (r.Length != header.Length)
                    throw new PretextFileException(csvPath, where, $"{r.Length} fields where the header has {header.Length}");
                string F(string name) => r[col[name]].Trim();
                var id = F("id");
                if (id.Length == 0) throw new PretextFileException(csvPath, where, "empty id");
                if (!seen.Add(id)) throw new PretextFileException(csvPath, where, $"id '{id}' appears twice");
                int? t3 = null;
                var t3Name = F("t3");
                if (t3Name.Length > 0)
                {
                    if (!index.TryGetValue(t3Name, out var c))
                        throw new PretextFileException(csvPath, where, $"t3 '{t3Name}' is not one of the classes in {Path.GetFileName(jsonPath)} ({string.Join(", ", classes)})");
                    t3 = c;
                }
                items.Add(new PretextLabels(id,
                    ParseHighLow(F("t1"), csvPath, where, "t1"),
                    ParseHighLow(F("t2"), csvPath, where, "t2"),
                    t3,
                    ParseNumber(F("energy_db_mean"), csvPath, where, "energy_db_mean"),
                    ParseNumber(F("energy_z"), csvPath, where, "energy_z"),
                    ParseNumber(F("activation"), csvPath, where, "activation"),
                    ParseNumber(F("valid_frame_share"), csvPath, where, "valid_frame_share"),
                    ParseNumber(F("t3_share"), csvPath, where, "t3_share")));
            }
        }
        catch (CsvHelperException e)
        {
            throw new PretextFileException(csvPath, e.Context?.Parser is { } p ? $"line {p.RawRow}" : null, "malformed CSV: " + e.Message.Split('\n')[0], e);
        }
        return new PretextLabelSet(classes, items, details);
    }

    /// <summary>The CSV and JSON paths for a folder or a CSV path.</summary>
    public static (string Csv, string Json) PathsFor(string path)
    {
        var full = Path.GetFullPath(path);
        var csv = Directory.Exists(full) ? Path.Combine(full, CsvFileName) : full;
        return (csv, Path.ChangeExtension(csv, ".json"));
    }

    private static (IReadOnlyList<string> Classes, JsonObject Details) ReadJson(string jsonPath)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(jsonPath));
        }
        catch (JsonException e)
        {
            throw new PretextFileException(jsonPath, null, "malformed JSON: " + e.Message, e);
        }
        if (node is not JsonObject obj) throw new PretextFileException(jsonPath, null, "expected a JSON object");
        if (obj["t3_classes"] is not JsonArray arr) throw new PretextFileException(jsonPath, null, "missing 't3_classes' (an array of class names)");
        var classes = new List<string>();
        foreach (var c in arr)
        {
            if (c is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
                throw new PretextFileException(jsonPath, "t3_classes", "every class must be a non-empty string");
            if (classes.Contains(s)) throw new PretextFileException(jsonPath, "t3_classes", $"class '{s}' appears twice");
            classes.Add(s);
        }
        var details = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "format" or "t3_classes") continue;
            details[key] = value?.DeepClone();
        }
        return (classes, details);
    }

    private static CsvConfiguration CsvConfig() => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        IgnoreBlankLines = true,
        NewLine = "\n",
        DetectColumnCountChanges = false,
    };

    private static string HighLow(int? v) => v is { } b ? BinaryClasses[b] : "";

    private static string Number(double? v) =>
        v is { } d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";

    private static int? ParseHighLow(string s, string file, string where, string column) => s switch
    {
        "" => null,
        "high" => 1,
        "low" => 0,
        _ => throw new PretextFileException(file, where, $"{column} must be 'high', 'low' or empty, not '{s}'"),
    };

    private static double? ParseNumber(string s, string file, string where, string column)
    {
        if (s.Length == 0) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        throw new PretextFileException(file, where, $"{column} is not a finite number: '{s}'");
    }
}
