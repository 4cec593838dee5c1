using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SerKit.Corpus;

/// <summary>JSON field conversions shared by the JSON manifest formats.</summary>
internal static partial class JsonFields
{
    internal static readonly JsonDocumentOptions ReadOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    internal static JsonWriterOptions WriteOptions(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>A required string field, or an error naming the field.</summary>
    internal static string RequiredString(JsonElement obj, string name, string source, string location)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new ManifestException(source, location, $"missing required field '{name}'");
        if (v.ValueKind != JsonValueKind.String)
            throw new ManifestException(source, location, $"field '{name}' is a {v.ValueKind.ToString().ToLowerInvariant()}, not a string");
        return v.GetString()!;
    }

    /// <summary>A string or number field as text; null when absent or null.</summary>
    internal static string? OptionalText(JsonElement obj, string name, string source, string location)
    {
        if (!obj.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => ManifestText.NullIfEmpty(v.GetString()),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new ManifestException(source, location, $"field '{name}' is a {v.ValueKind.ToString().ToLowerInvariant()}, not a string"),
        };
    }

    /// <summary>A length in seconds (number, numeric string or null).</summary>
    internal static double? OptionalSeconds(JsonElement obj, string name, string source, string location)
    {
        if (!obj.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => ManifestText.ParseDuration(v.GetRawText(), source, location, name),
            JsonValueKind.String => ManifestText.ParseDuration(v.GetString()!, source, location, name),
            _ => throw new ManifestException(source, location, $"field '{name}' is a {v.ValueKind.ToString().ToLowerInvariant()}, not a number"),
        };
    }

    /// <summary>
    /// The fields of <paramref name="obj"/> not in <paramref name="own"/> as text: strings as they
    /// are, numbers and nested values as their JSON text, booleans as true/false; nulls are absent.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Extras(JsonElement obj, IReadOnlySet<string> own, string source, string location,
        Func<string, JsonElement, bool>? isDefault = null)
    {
        OrderedDictionary<string, string>? extra = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!seen.Add(p.Name))
                throw new ManifestException(source, location, $"field '{p.Name}' appears twice");
            if (own.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null) continue;
            if (isDefault is not null && isDefault(p.Name, p.Value)) continue;
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => p.Value.GetRawText(),
            };
            extra ??= new OrderedDictionary<string, string>(StringComparer.Ordinal);
            extra.Add(p.Name, text);
        }
        return extra ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();
    }

    /// <summary>Writes an extra value: JSON number text as a number, anything else as a string.</summary>
    internal static void WriteExtra(Utf8JsonWriter w, string name, string value)
    {
        w.WritePropertyName(name);
        if (JsonNumber().IsMatch(value)) w.WriteRawValue(value);
        else w.WriteStringValue(value);
    }

    internal static JsonDocument Parse(string text, string source, string? location)
    {
        try
        {
            return JsonDocument.Parse(text, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new ManifestException(source, location, "malformed JSON: " + e.Message, e);
        }
    }
}
