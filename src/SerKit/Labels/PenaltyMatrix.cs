using System.Text.Json;
using System.Text.Json.Serialization;

namespace SerKit.Labels;

/// <summary>
/// A class-pair penalty: <see cref="Values"/>[i][j] is the cost of predicting class j when the target is class i
/// (non-negative, finite, 0 on the diagonal). Made by <see cref="CooccurrenceMatrix"/> or read from its JSON file.
/// </summary>
public sealed class PenaltyMatrix
{
    /// <summary>A penalty over <paramref name="classes"/>; throws when the matrix is not square, negative, non-finite or non-zero on the diagonal.</summary>
    [JsonConstructor]
    public PenaltyMatrix(IReadOnlyList<string> classes, double[][] values, string? source = null)
    {
        if (classes.Count < 2) throw new ArgumentException("a penalty matrix needs at least two classes");
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count) throw new ArgumentException("penalty classes must be distinct");
        if (values.Length != classes.Count || values.Any(r => r.Length != classes.Count))
            throw new ArgumentException($"the penalty must be a {classes.Count}×{classes.Count} matrix, one row and column per class");
        for (int i = 0; i < values.Length; i++)
            for (int j = 0; j < values.Length; j++)
            {
                var v = values[i][j];
                if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"penalty[{classes[i]}][{classes[j]}] = {v} is not a finite non-negative number");
                if (i == j && v != 0) throw new ArgumentException($"penalty[{classes[i]}][{classes[i]}] = {v}: the diagonal must be 0");
            }
        Classes = classes.ToArray();
        Values = values.Select(r => r.ToArray()).ToArray();
        Source = source;
    }

    /// <summary>Class names, index = row/column.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Row = target class, column = predicted class.</summary>
    public double[][] Values { get; }

    /// <summary>The file the matrix was read from, or the votes it was made from, when known.</summary>
    public string? Source { get; }

    /// <summary>The same penalty with rows and columns in the order of <paramref name="classes"/>; throws naming any class it lacks.</summary>
    public PenaltyMatrix For(IReadOnlyList<string> classes)
    {
        var missing = classes.Where(c => !Classes.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"{Source ?? "the penalty matrix"}: no row for class{(missing.Length > 1 ? "es" : "")} {string.Join(", ", missing)} (it has {string.Join(", ", Classes)})");
        var index = classes.Select(c => Classes.ToList().IndexOf(c)).ToArray();
        return new PenaltyMatrix(classes, index.Select(i => index.Select(j => Values[i][j]).ToArray()).ToArray(), Source);
    }

    /// <summary>Reads the <c>classes</c> and <c>penalty</c> keys of a JSON file (as written by <see cref="CooccurrenceMatrix.Save"/>).</summary>
    /// <exception cref="LabelFileException">The file is missing, malformed, or the matrix is not a valid penalty.</exception>
    public static PenaltyMatrix Load(string path)
    {
        if (!File.Exists(path)) throw new LabelFileException(path, null, "file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new LabelFileException(path, e.LineNumber is { } l ? $"line {l + 1}" : null, "malformed JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new LabelFileException(path, null, "expected a JSON object with keys classes and penalty");
            if (!root.TryGetProperty("classes", out var classesElement) || classesElement.ValueKind != JsonValueKind.Array
                || classesElement.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                throw new LabelFileException(path, "key classes", "missing or not an array of class names");
            var classes = classesElement.EnumerateArray().Select(c => c.GetString()!).ToArray();
            if (!root.TryGetProperty("penalty", out var penaltyElement) || penaltyElement.ValueKind != JsonValueKind.Array)
                throw new LabelFileException(path, "key penalty", "missing or not an array of rows");
            var rows = new List<double[]>();
            foreach (var row in penaltyElement.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                    throw new LabelFileException(path, "key penalty", $"row {rows.Count + 1} is not an array of numbers");
                rows.Add(row.EnumerateArray().Select(v => v.GetDouble()).ToArray());
            }
            try { return new PenaltyMatrix(classes, rows.ToArray(), Path.GetFullPath(path)); }
            catch (ArgumentException e) { throw new LabelFileException(path, "key penalty", e.Message, e); }
        }
    }
}
