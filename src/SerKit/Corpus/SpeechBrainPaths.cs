using System.Text.RegularExpressions;

namespace SerKit.Corpus;

/// <summary>
/// SpeechBrain's path placeholders. Its CSV loader replaces <c>$name</c> (bash-like) and its
/// JSON loader replaces <c>{name}</c> (Python <c>str.format_map</c>) with values given at load
/// time, usually <c>data_root</c> or <c>data_folder</c>. SerKit reads a placeholder at the
/// start of a path, whatever its name, as the manifest root, and writes <c>$data_root/</c>
/// (CSV) or <c>{data_root}/</c> (JSON).
/// </summary>
internal static partial class SpeechBrainPaths
{
    internal const string CsvPrefix = "$data_root/";
    internal const string JsonPrefix = "{data_root}/";

    [GeneratedRegex(@"^(?:\$\{([\w.]+)\}|\$([\w.]+)|\{([\w.]+)\})")]
    private static partial Regex Leading();

    [GeneratedRegex(@"\$[\w.]+")]
    private static partial Regex CsvPlaceholder();

    [GeneratedRegex(@"(?<!\{)\{[\w.]+\}(?!\})")]
    private static partial Regex JsonPlaceholder();

    /// <summary>The root-relative path of a SpeechBrain path value.</summary>
    internal static string FromCsv(string value, string source, string location)
    {
        var rest = StripLeading(value);
        var inner = CsvPlaceholder().Match(rest);
        if (inner.Success)
            throw new ManifestException(source, location,
                $"placeholder '{inner.Value}' inside path '{value}'; only a leading placeholder standing for the root (e.g. $data_root/...) is supported");
        return rest;
    }

    /// <summary>The root-relative path of a SpeechBrain JSON path value ("{{" and "}}" are literal braces).</summary>
    internal static string FromJson(string value, string source, string location)
    {
        var rest = StripLeading(value);
        var inner = JsonPlaceholder().Match(rest);
        if (inner.Success)
            throw new ManifestException(source, location,
                $"placeholder '{inner.Value}' inside path '{value}'; only a leading placeholder standing for the root (e.g. {{data_root}}/...) is supported");
        return rest.Replace("{{", "{").Replace("}}", "}");
    }

    internal static string ToCsv(string relative, string target, string id)
    {
        var inner = CsvPlaceholder().Match(relative);
        if (inner.Success)
            throw new ManifestException(target, $"id {id}",
                $"path '{relative}' contains '{inner.Value}', which SpeechBrain would read as a placeholder");
        return CsvPrefix + relative;
    }

    internal static string ToJson(string relative) => JsonPrefix + relative.Replace("{", "{{").Replace("}", "}}");

    private static string StripLeading(string value)
    {
        var m = Leading().Match(value);
        if (!m.Success) return value;
        var rest = value[m.Length..];
        return rest.TrimStart('/', '\\');
    }
}
