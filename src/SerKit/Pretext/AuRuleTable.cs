using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SerKit.Pretext;

/// <summary>
/// T3's rule table and thresholds, read from a JSON data file (the default ships as
/// <c>au-rules.json</c>, embedded and copied next to the binaries):
/// <code>
/// { "neutral": "neutral", "intensity_threshold": 1.0, "min_share": 0.1,
///   "rules": [ { "class": "happiness", "aus": [6, 12] }, … ] }
/// </code>
/// Other keys (e.g. <c>description</c>, <c>note</c>) are ignored. The class list is the
/// neutral class first, then the rules' classes in table order.
/// </summary>
public sealed class AuRuleTable
{
    /// <summary>The name of the embedded default table.</summary>
    public const string DefaultFileName = "au-rules.json";

    private static readonly Lazy<AuRuleTable> DefaultTable = new(LoadDefault);

    /// <summary>Makes a table; throws <see cref="ArgumentException"/> on an inconsistent one.</summary>
    public AuRuleTable(string neutralClass, IReadOnlyList<AuRule> rules, double intensityThreshold = 1.0, double minShare = 0.1, string? source = null)
    {
        Source = source ?? "rule table in memory";
        if (string.IsNullOrWhiteSpace(neutralClass)) throw new ArgumentException($"{Source}: the neutral class name is empty");
        if (rules.Count == 0) throw new ArgumentException($"{Source}: no rules");
        var names = new HashSet<string>(StringComparer.Ordinal) { neutralClass };
        foreach (var r in rules)
        {
            if (string.IsNullOrWhiteSpace(r.Class)) throw new ArgumentException($"{Source}: a rule has an empty class name");
            if (!names.Add(r.Class)) throw new ArgumentException($"{Source}: class '{r.Class}' appears twice (or is the neutral class)");
            if (r.Aus.Count == 0) throw new ArgumentException($"{Source}: rule '{r.Class}' lists no AUs");
            if (r.Aus.Any(a => a is < 1 or > 99)) throw new ArgumentException($"{Source}: rule '{r.Class}' has an AU outside 1..99");
            if (r.Aus.Distinct().Count() != r.Aus.Count) throw new ArgumentException($"{Source}: rule '{r.Class}' lists an AU twice");
        }
        if (!double.IsFinite(intensityThreshold)) throw new ArgumentException($"{Source}: intensity_threshold must be a finite number");
        if (!(minShare >= 0 && minShare <= 1)) throw new ArgumentException($"{Source}: min_share must be in 0..1 (got {minShare})");
        NeutralClass = neutralClass;
        Rules = rules.Select(r => r with { Aus = r.Aus.ToArray() }).ToArray();
        IntensityThreshold = intensityThreshold;
        MinShare = minShare;
        Classes = new[] { neutralClass }.Concat(Rules.Select(r => r.Class)).ToArray();
    }

    /// <summary>The default table (DESIGN.md section 3), from the embedded <c>au-rules.json</c>.</summary>
    public static AuRuleTable Default => DefaultTable.Value;

    /// <summary>Where the table came from (a file path, "embedded au-rules.json"…).</summary>
    public string Source { get; }

    /// <summary>The class given when no emotion reaches <see cref="MinShare"/>.</summary>
    public string NeutralClass { get; }

    /// <summary>The rules in table order.</summary>
    public IReadOnlyList<AuRule> Rules { get; }

    /// <summary>An AU with only an intensity column is present when <c>AUxx_r ≥</c> this.</summary>
    public double IntensityThreshold { get; }

    /// <summary>Smallest share of valid frames the winning emotion needs; otherwise the utterance is neutral.</summary>
    public double MinShare { get; }

    /// <summary>Neutral first, then the rules' classes in table order; T3 labels index this list.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Every AU the rules use, ascending.</summary>
    public IReadOnlyList<int> Aus => Rules.SelectMany(r => r.Aus).Distinct().Order().ToArray();

    /// <summary>The same table with another minimum share.</summary>
    public AuRuleTable WithMinShare(double minShare) => new(NeutralClass, Rules, IntensityThreshold, minShare, Source);

    /// <summary>Reads a rule file; throws <see cref="PretextFileException"/> naming the file and the problem.</summary>
    public static AuRuleTable Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new PretextFileException(full, null, "no such rule file");
        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses rule-file text; <paramref name="source"/> names it in errors.</summary>
    public static AuRuleTable Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PretextFileException(source, null, "malformed JSON: " + e.Message, e);
        }
        if (node is not JsonObject obj) throw new PretextFileException(source, null, "expected a JSON object with 'rules'");
        string neutral = obj["neutral"] is null ? "neutral" : String(obj["neutral"], source, "neutral");
        double threshold = obj["intensity_threshold"] is null ? 1.0 : Number(obj["intensity_threshold"], source, "intensity_threshold");
        double minShare = obj["min_share"] is null ? 0.1 : Number(obj["min_share"], source, "min_share");
        if (obj["rules"] is not JsonArray array) throw new PretextFileException(source, null, "missing 'rules' (an array of {\"class\": name, \"aus\": [numbers]})");
        var rules = new List<AuRule>();
        for (int i = 0; i < array.Count; i++)
        {
            var where = $"rules[{i}]";
            if (array[i] is not JsonObject rule) throw new PretextFileException(source, where, "expected an object {\"class\": name, \"aus\": [numbers]}");
            var name = String(rule["class"], source, where + ".class");
            if (rule["aus"] is not JsonArray aus) throw new PretextFileException(source, where, "missing 'aus' (an array of AU numbers)");
            var list = new List<int>();
            foreach (var a in aus)
            {
                var v = Number(a, source, where + ".aus");
                if (v != Math.Floor(v) || v < 1 || v > 99) throw new PretextFileException(source, where + ".aus", $"AU numbers are whole numbers in 1..99 (got {v.ToString(CultureInfo.InvariantCulture)})");
                list.Add((int)v);
            }
            rules.Add(new AuRule(name, list));
        }
        try
        {
            return new AuRuleTable(neutral, rules, threshold, minShare, source);
        }
        catch (ArgumentException e)
        {
            throw new PretextFileException(source, null, e.Message.StartsWith(source + ": ", StringComparison.Ordinal) ? e.Message[(source.Length + 2)..] : e.Message, e);
        }
    }

    /// <summary>The table as rule-file JSON (what <see cref="Parse"/> reads).</summary>
    public JsonObject ToJson() => new()
    {
        ["neutral"] = NeutralClass,
        ["intensity_threshold"] = IntensityThreshold,
        ["min_share"] = MinShare,
        ["rules"] = new JsonArray(Rules.Select(r => (JsonNode?)new JsonObject
        {
            ["class"] = r.Class,
            ["aus"] = new JsonArray(r.Aus.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        }).ToArray()),
    };

    private static AuRuleTable LoadDefault()
    {
        var assembly = typeof(AuRuleTable).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + DefaultFileName, StringComparison.Ordinal) || n == DefaultFileName)
            ?? throw new InvalidOperationException($"the embedded {DefaultFileName} is missing from {assembly.GetName().Name}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded " + DefaultFileName);
    }

    private static string String(JsonNode? node, string source, string where) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new PretextFileException(source, where, "expected a non-empty string");

    private static double Number(JsonNode? node, string source, string where)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d)) return d;
        throw new PretextFileException(source, where, $"expected a number, got {node?.ToJsonString() ?? "nothing"}");
    }
}
