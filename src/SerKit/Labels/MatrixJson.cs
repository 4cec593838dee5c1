using System.Globalization;
using System.Text.Json;

namespace SerKit.Labels;

/// <summary>Writes matrices into JSON one row per line, so a saved matrix reads as a matrix.</summary>
internal static class MatrixJson
{
    internal static void WriteRows(Utf8JsonWriter w, string name, int rows, int columns, Func<int, int, string> cell)
    {
        var lines = Enumerable.Range(0, rows).Select(i => "    [" + string.Join(", ", Enumerable.Range(0, columns).Select(j => cell(i, j))) + "]");
        w.WritePropertyName(name);
        w.WriteRawValue("[\n" + string.Join(",\n", lines) + "\n  ]", skipInputValidation: true);
    }

    /// <summary>The shortest round-trip text of a finite number.</summary>
    internal static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
