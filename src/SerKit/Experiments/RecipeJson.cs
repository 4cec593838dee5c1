using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SerKit.Experiments;

/// <summary>
/// A canonical JSON form of a <see cref="Recipe"/> (every key, snake_case) to compare two recipes key by key:
/// the runner refuses to continue an experiment folder whose saved recipe differs from the one being run.
/// </summary>
internal static class RecipeJson
{
    /// <summary>Keys that choose how or what part of a study runs, never what a result is; they may change between runs of one folder.</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal) { "workers", "folds.only", "labelled.demo.threads" };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The recipe as a JSON tree.</summary>
    public static JsonNode ToNode(Recipe recipe) => JsonSerializer.SerializeToNode(recipe, Options)!;

    /// <summary>The recipe as indented JSON text.</summary>
    public static string ToJson(Recipe recipe) => JsonSerializer.Serialize(recipe, Options);

    /// <summary>Reads <see cref="ToJson"/>'s text back.</summary>
    public static Recipe FromJson(string json) => JsonSerializer.Deserialize<Recipe>(json, Options) ?? throw new InvalidDataException("empty recipe");

    /// <summary>The keys whose values differ (<c>key.path: old → new</c>), <see cref="Ignored"/> keys left out.</summary>
    public static IReadOnlyList<string> Differences(Recipe saved, Recipe current)
    {
        var list = new List<string>();
        Compare(ToNode(saved), ToNode(current), "", list);
        return list;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> into)
    {
        if (Ignored.Contains(path)) return;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key), StringComparer.Ordinal))
                Compare(oa[key], ob[key], path.Length == 0 ? key : path + "." + key, into);
            return;
        }
        if (!JsonNode.DeepEquals(a, b)) into.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {Show(a)} → {Show(b)}"));
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
