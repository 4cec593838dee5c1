using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SerKit.Evaluation;

/// <summary>
/// A per-epoch training log (<c>train_log.csv</c>: <c>epoch,train_loss,valid_loss,valid_macro_f1,…</c>):
/// the epochs and one numeric series per other column (NaN where a cell is empty, e.g. epochs
/// without validation).
/// </summary>
public sealed class TrainLog
{
    /// <summary>A log from in-memory series, each as long as <paramref name="epochs"/>.</summary>
    /// <exception cref="ArgumentException">A series has a different length from the epochs.</exception>
    public TrainLog(IReadOnlyList<int> epochs, IReadOnlyDictionary<string, double[]> series)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (name, values) in series)
            if (values.Length != epochs.Count)
                throw new ArgumentException($"series '{name}' has {values.Length} values for {epochs.Count} epochs", nameof(series));
        Epochs = epochs.ToArray();
        Series = new Dictionary<string, double[]>(series, StringComparer.Ordinal);
        Columns = series.Keys.ToArray();
    }

    /// <summary>Epoch numbers, one per row.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>Series names in file order (without <c>epoch</c>).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Series by column name.</summary>
    public IReadOnlyDictionary<string, double[]> Series { get; }

    /// <summary>
    /// Reads a training log CSV. It needs an <c>epoch</c> column (integers); every other column must
    /// hold numbers or be empty.
    /// </summary>
    /// <exception cref="ResultsFileException">The file is missing, has no epoch column, or holds a non-numeric cell.</exception>
    public static TrainLog Read(string path)
    {
        if (!File.Exists(path)) throw new ResultsFileException(path, null, "file not found");
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                IgnoreBlankLines = true,
                DetectColumnCountChanges = false,
            });
            if (!parser.Read()) throw new ResultsFileException(path, null, "empty file (no header line)");
            var header = (parser.Record ?? Array.Empty<string>()).Select(h => h.Trim()).ToArray();
            int epochCol = Array.IndexOf(header, "epoch");
            if (epochCol < 0) throw new ResultsFileException(path, "line 1", $"missing column epoch (header has: {string.Join(", ", header)})");
            var others = Enumerable.Range(0, header.Length).Where(i => i != epochCol).ToArray();
            var epochs = new List<int>();
            var values = others.ToDictionary(i => i, _ => new List<double>());
            while (parser.Read())
            {
                var record = parser.Record ?? Array.Empty<string>();
                string line = $"line {parser.RawRow}";
                if (record.Length != header.Length)
                    throw new ResultsFileException(path, line, $"{record.Length} fields where the header has {header.Length}");
                if (!int.TryParse(record[epochCol].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
                    throw new ResultsFileException(path, line, $"epoch '{record[epochCol]}' is not an integer");
                epochs.Add(epoch);
                foreach (var i in others)
                {
                    var text = record[i].Trim();
                    if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase)) { values[i].Add(double.NaN); continue; }
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        throw new ResultsFileException(path, line, $"{header[i]} '{text}' is not a number");
                    values[i].Add(v);
                }
            }
            return new TrainLog(epochs, others.ToDictionary(i => header[i], i => values[i].ToArray()));
        }
        catch (CsvHelperException e)
        {
            throw new ResultsFileException(path, e.Context?.Parser is { } p ? $"line {p.RawRow}" : null, "malformed CSV: " + e.Message.Split('\n')[0], e);
        }
    }
}
