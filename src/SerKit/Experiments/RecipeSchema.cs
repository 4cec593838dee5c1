using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SerKit.Experiments;

/// <summary>
/// The keys a <see cref="Recipe"/> accepts, taken from the recipe types themselves (snake_case names of their
/// settable properties), so that a file is checked key by key before it is read: unknown keys are refused with
/// the known ones and the nearest match, empty sections mean defaults, and scalars meant as text become text.
/// </summary>
internal static class RecipeSchema
{
    /// <summary>The serializer settings of recipe files.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Checks <paramref name="node"/> against <paramref name="type"/> in place; throws <see cref="RecipeKeyException"/> with the key path.</summary>
    public static void Check(JsonNode? node, Type type, string path)
    {
        var info = Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject o:
            {
                var props = Settable(info);
                foreach (var key in o.Select(p => p.Key).ToArray())
                {
                    if (!props.TryGetValue(key, out var prop))
                        throw new RecipeKeyException(Join(path, key), $"unknown key{Suggest(key, props.Keys)}; {(path.Length == 0 ? "top-level" : path)} keys are {string.Join(", ", props.Keys)}");
                    var child = o[key];
                    if (child is null && IsSection(prop.PropertyType))
                    {
                        o.Remove(key); // an empty section keeps its defaults
                        continue;
                    }
                    if (child is JsonValue v && prop.PropertyType == typeof(string) && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    {
                        o[key] = JsonValue.Create(v.ToJsonString());
                        continue;
                    }
                    Check(child, prop.PropertyType, Join(path, key));
                }
                break;
            }
            case JsonTypeInfoKind.Enumerable when node is JsonArray a:
                for (int i = 0; i < a.Count; i++) Check(a[i], info.ElementType!, $"{path}[{i}]");
                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject d:
                foreach (var (key, value) in d) Check(value, info.ElementType!, Join(path, key));
                break;
        }
    }

    /// <summary>The type of the value at <paramref name="segments"/> below <paramref name="type"/>; throws <see cref="RecipeKeyException"/> when a key is unknown.</summary>
    public static Type TypeAt(Type type, IReadOnlyList<string> segments)
    {
        var path = "";
        foreach (var s in segments)
        {
            var info = Options.GetTypeInfo(type);
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                var props = Settable(info);
                if (!props.TryGetValue(s, out var prop))
                    throw new RecipeKeyException(Join(path, s), $"unknown key{Suggest(s, props.Keys)}; {(path.Length == 0 ? "top-level" : path)} keys are {string.Join(", ", props.Keys)}");
                type = prop.PropertyType;
            }
            else if (info.Kind == JsonTypeInfoKind.Enumerable)
            {
                if (!int.TryParse(s, out var index) || index < 0) throw new RecipeKeyException(Join(path, s), "a list item is addressed by its number, from 0");
                type = info.ElementType!;
            }
            else if (info.Kind == JsonTypeInfoKind.Dictionary) type = info.ElementType!;
            else throw new RecipeKeyException(Join(path, s), $"{(path.Length == 0 ? "the recipe" : path)} is a single value, it has no keys");
            path = Join(path, s);
        }
        return type;
    }

    private static Dictionary<string, JsonPropertyInfo> Settable(JsonTypeInfo info) =>
        info.Properties.Where(p => p.Set != null).ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static bool IsSection(Type t) => Options.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object && Nullable.GetUnderlyingType(t) is null;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Suggest(string key, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, D: Distance(key, k))).OrderBy(x => x.D).FirstOrDefault();
        return best.Key != null && best.D <= Math.Max(2, key.Length / 3) ? $" (did you mean '{best.Key}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
