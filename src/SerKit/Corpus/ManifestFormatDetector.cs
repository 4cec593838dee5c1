using System.Text;
using System.Text.Json;

namespace SerKit.Corpus;

/// <summary>Tells manifest formats apart by extension and header or first line.</summary>
internal static class ManifestFormatDetector
{
    internal static ManifestFormat Detect(string path)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jsonl": return ManifestFormat.EmoBoxJsonl;
            case ".json": return ManifestFormat.SpeechBrainJson;
            case ".csv": return FromCsvHeader(path);
        }
        var first = FirstNonBlankLine(path)
            ?? throw new ManifestException(path, null, "empty file: cannot tell the manifest format");
        if (!first.TrimStart().StartsWith('{')) return FromCsvHeader(path);
        try
        {
            using var doc = JsonDocument.Parse(first, JsonFields.ReadOptions);
            return doc.RootElement.TryGetProperty("key", out _) ? ManifestFormat.EmoBoxJsonl : ManifestFormat.SpeechBrainJson;
        }
        catch (JsonException)
        {
            return ManifestFormat.SpeechBrainJson; // a JSON document spread over several lines
        }
    }

    private static ManifestFormat FromCsvHeader(string path)
    {
        var header = CsvTable.ReadHeader(path);
        if (header.Contains("id") || header.Contains("path")) return ManifestFormat.SerKitCsv;
        if (header.Contains("ID") || header.Contains("wav")) return ManifestFormat.SpeechBrainCsv;
        throw new ManifestException(path, "line 1",
            $"cannot tell the manifest format: the header has neither 'id'/'path' (SerKit CSV) nor 'ID'/'wav' (SpeechBrain CSV) (header has: {string.Join(", ", header)})");
    }

    private static string? FirstNonBlankLine(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (!string.IsNullOrWhiteSpace(line)) return line;
        }
        return null;
    }
}
