using SerKit.Corpus;
using SerKit.Media;

namespace SerKit.Tests.Training;

/// <summary>
/// A separable toy corpus: noisy tones around 220 Hz (label LOW) and 880 Hz (label HIGH) with random
/// lengths, written as 16 kHz WAV files with a manifest per split.
/// </summary>
internal static class ToneCorpus
{
    public static string Write(string dir, string split, int count, double minSeconds, double maxSeconds, int seed)
    {
        Directory.CreateDirectory(Path.Combine(dir, "wav"));
        var g = new SplitMix64((ulong)seed);
        double Uniform() => (g.Next() >> 11) * (1.0 / (1UL << 53));
        var items = new List<Utterance>();
        for (int i = 0; i < count; i++)
        {
            bool high = i % 2 == 1;
            double f = (high ? 880 : 220) * (0.9 + 0.2 * Uniform());
            int n = (int)((minSeconds + (maxSeconds - minSeconds) * Uniform()) * 16000);
            var x = new float[n];
            for (int t = 0; t < n; t++) x[t] = (float)(0.3 * Math.Sin(2 * Math.PI * f * t / 16000) + 0.05 * (2 * Uniform() - 1));
            var id = $"{split}{i:D3}";
            WavFile.Write(Path.Combine(dir, "wav", id + ".wav"), x, 16000);
            items.Add(new Utterance(id, $"wav/{id}.wav", $"s{i % 4}", high ? "HIGH" : "LOW"));
        }
        var path = Path.Combine(dir, split + ".csv");
        new Manifest(dir, items).Save(path, ManifestFormat.SerKitCsv);
        return path;
    }

    /// <summary>A small encoder that trains in a second or two.</summary>
    public static SerKit.Modeling.EncoderConfig TinyEncoder => new() { Width = 32, Layers = 1, Heads = 2, FeedForward = 64, PoolingDim = 16 };

    /// <summary>Command-line flags for <see cref="TinyEncoder"/> on 32 mel bands.</summary>
    public static string[] TinyFlags => ["--layers", "1", "--width", "32", "--heads", "2", "--feed-forward", "64", "--mels", "32"];
}
