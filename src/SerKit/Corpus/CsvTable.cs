using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using SerKit.IO;

namespace SerKit.Corpus;

/// <summary>
/// A CSV file read with CsvHelper: the header (trimmed names) and the records with their
/// line numbers. Every record must have as many fields as the header. Also writes CSV
/// (UTF-8 without BOM, '\n' line ends, quoting only where needed) atomically.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, string[] header, List<(int Line, string[] Fields)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (!_columns.TryAdd(header[i], i))
                throw new ManifestException(path, "line 1", $"column '{header[i]}' appears twice in the header");
        }
    }

    internal string Path { get; }

    internal string[] Header { get; }

    internal IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    internal int? Column(string name) => _columns.TryGetValue(name, out var i) ? i : null;

    /// <summary>Throws naming every missing column (and the columns found) when any is absent.</summary>
    internal void Require(params string[] names)
    {
        var missing = names.Where(n => !_columns.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new ManifestException(Path, "line 1",
                $"missing required column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} (header has: {string.Join(", ", Header)})");
    }

    internal static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        TrimOptions = TrimOptions.Trim,
        IgnoreBlankLines = true,
        NewLine = "\n",
        DetectColumnCountChanges = false,
    };

    /// <summary>Reads the whole file; the first record is the header when <paramref name="hasHeader"/>.</summary>
    internal static CsvTable Read(string path, bool hasHeader = true)
    {
        var rows = new List<(int, string[])>();
        string[]? header = null;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, Configuration());
            while (parser.Read())
            {
                var record = parser.Record ?? Array.Empty<string>();
                if (header is null && hasHeader)
                {
                    header = record.Select(h => h.Trim()).ToArray();
                    continue;
                }
                if (header is not null && record.Length != header.Length)
                    throw new ManifestException(path, $"line {parser.RawRow}",
                        $"{record.Length} fields where the header has {header.Length}");
                rows.Add((parser.RawRow, record));
            }
        }
        catch (CsvHelperException e)
        {
            throw new ManifestException(path, e.Context?.Parser is { } p ? $"line {p.RawRow}" : null, "malformed CSV: " + FirstLine(e.Message), e);
        }
        if (hasHeader && header is null) throw new ManifestException(path, null, "empty file (no header line)");
        return new CsvTable(path, header ?? Array.Empty<string>(), rows);
    }

    /// <summary>Reads only the header (first record) of a CSV file.</summary>
    internal static string[] ReadHeader(string path)
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, Configuration());
            return parser.Read() ? (parser.Record ?? Array.Empty<string>()).Select(h => h.Trim()).ToArray() : Array.Empty<string>();
        }
        catch (CsvHelperException e)
        {
            throw new ManifestException(path, "line 1", "malformed CSV: " + FirstLine(e.Message), e);
        }
    }

    /// <summary>Writes a header and rows atomically.</summary>
    internal static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, Configuration());
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        });
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(new[] { '\r', '\n' });
        return i < 0 ? message : message[..i];
    }
}
