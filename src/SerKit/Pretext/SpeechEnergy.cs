using SerKit.Audio;
using SerKit.IO;
using SerKit.Media;

namespace SerKit.Pretext;

/// <summary>
/// T1's per-utterance measurement: frame RMS energy in dBFS (SerKit.Audio's energy feature,
/// 25 ms rectangular window, 10 ms hop, centred frames), the speech frames among them (see
/// <see cref="EnergyOptions"/>), and their mean and standard deviation in dB.
/// </summary>
public static class SpeechEnergy
{
    /// <summary>The feature options of T1's energy frames.</summary>
    public static FeatureOptions FeatureOptionsFor(EnergyOptions options) =>
        new() { Kind = FeatureKind.Energy, WindowLength = options.WindowLength, NFft = options.WindowLength, Hop = options.Hop };

    /// <summary>Reduces frame levels (dBFS) to T1's statistics.</summary>
    public static EnergyMeasurement Measure(ReadOnlySpan<float> frameDb, EnergyOptions options)
    {
        if (frameDb.IsEmpty) return new EnergyMeasurement(0, 0, double.NaN, double.NaN, null, null);
        var sorted = new double[frameDb.Length];
        for (int i = 0; i < sorted.Length; i++) sorted[i] = frameDb[i];
        Array.Sort(sorted);
        double reference = Percentile(sorted, options.ReferencePercentile);
        double threshold = Math.Max(reference - options.RelativeDb, options.FloorDb);
        int n = 0;
        double sum = 0;
        foreach (var v in frameDb)
        {
            if (v < threshold) continue;
            n++;
            sum += v;
        }
        if (n < options.MinSpeechFrames || n == 0) return new EnergyMeasurement(frameDb.Length, n, reference, threshold, null, null);
        double mean = sum / n, squares = 0;
        foreach (var v in frameDb)
        {
            if (v < threshold) continue;
            squares += (v - mean) * (v - mean);
        }
        return new EnergyMeasurement(frameDb.Length, n, reference, threshold, mean, Math.Sqrt(squares / n));
    }

    /// <summary>Measures a 16 kHz mono signal held in memory.</summary>
    public static EnergyMeasurement Measure(ReadOnlySpan<float> samples, IFeatureExtractor energy, EnergyOptions options)
    {
        if (samples.Length < energy.Options.MinimumSamples) return Measure(ReadOnlySpan<float>.Empty, options);
        var db = energy.Compute(samples, out _);
        return Measure(db, options);
    }

    /// <summary>
    /// Decodes a media file to 16 kHz mono and measures it, streaming (memory grows only with
    /// the frame count, 100 values per second). Throws <see cref="MediaException"/> naming the file
    /// when it cannot be decoded or is shorter than one frame.
    /// </summary>
    public static EnergyMeasurement MeasureFile(string path, IFeatureExtractor energy, EnergyOptions options)
    {
        using var audio = AudioDecoder.Open(path, energy.Options.SampleRate);
        var sink = new Collector();
        energy.Run(audio, sink);
        return Measure(sink.Values.ToArray(), options);
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile of ascending <paramref name="sorted"/> values
    /// with linear interpolation between closest ranks (numpy's default).
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        double pos = percent / 100.0 * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private sealed class Collector : IFrameSink
    {
        public List<float> Values { get; } = new();

        public void WriteRows(ReadOnlySpan<float> rows)
        {
            foreach (var v in rows) Values.Add(v);
        }
    }
}
