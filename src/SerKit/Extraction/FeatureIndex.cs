using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SerKit.Extraction;

/// <summary>Reads the index.csv that <see cref="FeatureExtractionJob"/> writes.</summary>
public static class FeatureIndex
{
    public static IReadOnlyList<FeatureIndexRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        return csv.GetRecords<FeatureIndexRow>().ToList();
    }
}
