using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SerKit.IO;

/// <summary>
/// YAML text as a JSON tree and back, so that settings files can be written in either and read with one schema.
/// Plain scalars become JSON nulls (<c>~</c>, <c>null</c>, empty), booleans (<c>true</c>/<c>false</c>), numbers
/// (integers and decimals as YAML 1.2's core schema) or strings; quoted scalars are always strings. Duplicate keys
/// are refused. Writing gives block YAML with JSON-style quoted strings, so the text reads back to the same tree.
/// </summary>
public static class YamlTree
{
    /// <summary>Parses one YAML document (JSON is YAML too); an empty document gives null. Throws <see cref="FormatException"/> with the line and column.</summary>
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            var message = Inner(e).Message;
            if (message.StartsWith("Duplicate key ", StringComparison.Ordinal)) message = $"key '{message["Duplicate key ".Length..]}' appears twice";
            throw new FormatException($"line {e.Start.Line}, column {e.Start.Column}: {message}", e);
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1) throw new FormatException($"line {stream.Documents[1].RootNode.Start.Line}: only one YAML document is allowed");
        return Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Parses one scalar or flow value, as given after <c>key=</c> on a command line (<c>5</c>, <c>[0, 1]</c>, <c>text</c>).</summary>
    public static JsonNode? ParseValue(string text) => text.Length == 0 ? JsonValue.Create("") : Parse(text);

    private static Exception Inner(Exception e) => e.InnerException is { } i && e.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase) ? i : e;

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new FormatException($"line {node.Start.Line}: unsupported YAML node"),
    };

    private static JsonObject ConvertMap(YamlMappingNode map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key }) throw new FormatException($"line {k.Start.Line}, column {k.Start.Column}: keys must be plain text");
            if (o.ContainsKey(key)) throw new FormatException($"line {k.Start.Line}, column {k.Start.Column}: key '{key}' appears twice");
            o[key] = Convert(v);
        }
        return o;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
            case ".inf" or "+.inf": return JsonValue.Create(double.PositiveInfinity);
            case "-.inf": return JsonValue.Create(double.NegativeInfinity);
            case ".nan" or ".NaN": return JsonValue.Create(double.NaN);
        }
        if (IsInteger(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (IsDecimal(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static bool IsInteger(string v)
    {
        int i = v[0] is '-' or '+' ? 1 : 0;
        return i < v.Length && v.Skip(i).All(char.IsAsciiDigit);
    }

    private static bool IsDecimal(string v)
    {
        // YAML 1.2 core: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        int i = 0;
        if (i < v.Length && v[i] is '-' or '+') i++;
        int digits = 0;
        while (i < v.Length && char.IsAsciiDigit(v[i])) { i++; digits++; }
        if (i < v.Length && v[i] == '.')
        {
            i++;
            while (i < v.Length && char.IsAsciiDigit(v[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < v.Length && v[i] is 'e' or 'E')
        {
            i++;
            if (i < v.Length && v[i] is '-' or '+') i++;
            int exp = 0;
            while (i < v.Length && char.IsAsciiDigit(v[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == v.Length;
    }

    /// <summary>Block YAML of <paramref name="node"/> (an object at the top); strings are double-quoted as in JSON.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        if (node is JsonObject o && o.Count > 0) WriteObject(sb, o, 0);
        else sb.Append(Scalar(node)).Append('\n');
        return sb.ToString();
    }

    private static void WriteObject(StringBuilder sb, JsonObject o, int indent)
    {
        foreach (var (key, value) in o)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject child when child.Count > 0:
                sb.Append('\n');
                WriteObject(sb, child, indent + 2);
                break;
            case JsonArray array when array.Count > 0 && array.Any(x => x is JsonObject or JsonArray):
                sb.Append('\n');
                foreach (var item in array)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is JsonObject io && io.Count > 0)
                    {
                        // First key on the dash line, the others aligned under it.
                        var inner = new StringBuilder();
                        WriteObject(inner, io, indent + 4);
                        sb.Append(' ').Append(inner.ToString(indent + 4, inner.Length - indent - 4));
                    }
                    else WriteValue(sb, item, indent + 2);
                }
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && !char.IsAsciiDigit(key[0]) ? key : JsonSerializer.Serialize(key);

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray a => "[" + string.Join(", ", a.Select(Scalar)) + "]",
        JsonValue v when v.TryGetValue<double>(out var d) && !double.IsFinite(d) => double.IsNaN(d) ? ".nan" : d > 0 ? ".inf" : "-.inf",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>(), Escaping),
        _ => node.ToJsonString(),
    };

    private static readonly JsonSerializerOptions Escaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
