using System.Globalization;
using SerKit.Corpus;
using SerKit.Media;

namespace SerKit.Tests.Attributes;

/// <summary>
/// A toy attribute corpus: noisy tones whose loudness carries "arousal" (1–7) and whose pitch carries "valence" (1–7), "dominance" a mix of
/// both; random lengths, 16 kHz WAV files and a manifest per split with the three attribute columns (SerKit CSV).
/// </summary>
internal static class AttributeToneCorpus
{
    public static string Write(string dir, string split, int count, int seed, double minSeconds = 0.3, double maxSeconds = 0.6, bool withAttributes = true)
    {
        Directory.CreateDirectory(Path.Combine(dir, "wav"));
        var g = new SplitMix64((ulong)seed);
        double Uniform() => (g.Next() >> 11) * (1.0 / (1UL << 53));
        var items = new List<Utterance>();
        for (int i = 0; i < count; i++)
        {
            double arousal = 1 + 6 * Uniform(), valence = 1 + 6 * Uniform();
            double dominance = 0.6 * arousal + 0.4 * valence + 0.3 * (Uniform() - 0.5);
            double f = 200 * Math.Pow(2, (valence - 1) / 3.0);           // 200–800 Hz
            double amplitude = 0.02 * Math.Pow(10, (arousal - 1) / 6.0 * 1.2); // −34…−22 dB
            int n = (int)((minSeconds + (maxSeconds - minSeconds) * Uniform()) * 16000);
            var x = new float[n];
            for (int t = 0; t < n; t++) x[t] = (float)(amplitude * Math.Sin(2 * Math.PI * f * t / 16000) + 0.004 * (2 * Uniform() - 1));
            var id = $"{split}{i:D3}";
            WavFile.Write(Path.Combine(dir, "wav", id + ".wav"), x, 16000);
            var extra = withAttributes
                ? new Dictionary<string, string>
                {
                    ["arousal"] = arousal.ToString("0.00", CultureInfo.InvariantCulture),
                    ["valence"] = valence.ToString("0.00", CultureInfo.InvariantCulture),
                    ["dominance"] = dominance.ToString("0.00", CultureInfo.InvariantCulture),
                }
                : new Dictionary<string, string>();
            items.Add(new Utterance(id, $"wav/{id}.wav", $"s{i % 4}", null) { Extra = extra });
        }
        var path = Path.Combine(dir, split + ".csv");
        new Manifest(dir, items).Save(path, ManifestFormat.SerKitCsv);
        return path;
    }
}
