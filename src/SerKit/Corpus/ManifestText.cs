using System.Globalization;

namespace SerKit.Corpus;

/// <summary>Field conversions shared by the manifest formats.</summary>
internal static class ManifestText
{
    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    internal static double? ParseDuration(string text, string source, string location, string column)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            || double.IsNaN(d) || double.IsInfinity(d) || d < 0)
            throw new ManifestException(source, location, $"{column} '{text}' is not a length in seconds");
        return d;
    }

    /// <summary>Shortest text that reads back as the same double (invariant culture).</summary>
    internal static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The extra field names of all utterances in first-appearance order; a name equal to one of
    /// the format's own columns is refused.
    /// </summary>
    internal static List<string> ExtraNames(Manifest manifest, string target, IReadOnlyCollection<string> reserved)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in manifest.Items)
        {
            foreach (var key in u.Extra.Keys)
            {
                if (!seen.Add(key)) continue;
                if (reserved.Contains(key))
                    throw new ManifestException(target, $"id {u.Id}",
                        $"extra field '{key}' has the name of one of the format's own columns ({string.Join(", ", reserved)})");
                names.Add(key);
            }
        }
        return names;
    }

    /// <summary>The columns of a CSV row other than <paramref name="own"/>, non-empty cells only, in header order.</summary>
    internal static IReadOnlyDictionary<string, string> Extras(string[] header, string[] fields, IReadOnlySet<int> own)
    {
        OrderedDictionary<string, string>? extra = null;
        for (int i = 0; i < header.Length; i++)
        {
            if (own.Contains(i) || fields[i].Length == 0) continue;
            extra ??= new OrderedDictionary<string, string>(StringComparer.Ordinal);
            extra.Add(header[i], fields[i]);
        }
        return extra ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();
    }
}
