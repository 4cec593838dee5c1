namespace SerKit.Extraction;

/// <summary>Per-label averages of extracted prosodic features (energy and F0), from an extraction's files.</summary>
public sealed record LabelFeatureStats(string Label, int Utterances, double MeanEnergyDb, double MedianF0Hz, double VoicedShare)
{
    /// <summary>
    /// Summarises the utterances of <paramref name="rows"/> by label. Needs the <c>energy</c>
    /// and <c>f0</c> kinds in the index; columns: energy_db; f0_hz, voicing.
    /// </summary>
    public static IReadOnlyList<LabelFeatureStats> FromIndex(string outputDirectory, IEnumerable<FeatureIndexRow> rows)
    {
        var byLabel = rows.GroupBy(r => r.Label ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal);
        var result = new List<LabelFeatureStats>();
        foreach (var group in byLabel)
        {
            var energies = new List<double>();
            var f0s = new List<double>();
            long frames = 0, voiced = 0;
            foreach (var row in group)
            {
                var data = IO.NpyArray.Read(Path.Combine(outputDirectory, row.File));
                if (row.Kind == "energy") energies.Add(data.Data.Average(v => (double)v));
                if (row.Kind == "f0")
                {
                    for (long i = 0; i < data.Shape[0]; i++)
                    {
                        frames++;
                        float f0 = data.Data[i * 2];
                        if (f0 > 0) { voiced++; f0s.Add(f0); }
                    }
                }
            }
            f0s.Sort();
            result.Add(new LabelFeatureStats(group.Key, group.Select(r => r.Id).Distinct().Count(),
                energies.Count > 0 ? energies.Average() : double.NaN,
                f0s.Count > 0 ? f0s[f0s.Count / 2] : double.NaN,
                frames > 0 ? (double)voiced / frames : double.NaN));
        }
        return result;
    }
}
