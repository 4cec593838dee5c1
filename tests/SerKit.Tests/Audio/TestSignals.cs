namespace SerKit.Tests.Audio;

/// <summary>Deterministic test signals for the feature tests.</summary>
internal static class TestSignals
{
    public static float[] Sine(double hz, double amplitude, int samples, int rate = 16000)
    {
        var x = new float[samples];
        for (int i = 0; i < samples; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    /// <summary>Seeded uniform white noise in [−amplitude, amplitude].</summary>
    public static float[] Noise(int samples, double amplitude, int seed)
    {
        var random = new Random(seed);
        var x = new float[samples];
        for (int i = 0; i < samples; i++) x[i] = (float)(amplitude * (2 * random.NextDouble() - 1));
        return x;
    }

    /// <summary>
    /// A voiced-speech-like signal: Rosenberg glottal pulses at <paramref name="f0"/> (open quotient 0.6,
    /// closing 0.4 of the open phase), differentiated (lip radiation) and passed through two formant
    /// resonators (700 Hz and 1200 Hz), normalised to a peak of 0.5.
    /// </summary>
    public static float[] GlottalPulses(double f0, int samples, int rate = 16000)
    {
        var flow = new double[samples];
        double period = rate / f0, open = 0.6 * period, rise = 0.6 * open;
        for (int i = 0; i < samples; i++)
        {
            double phase = i % period;
            flow[i] = phase < rise ? 0.5 * (1 - Math.Cos(Math.PI * phase / rise))
                : phase < open ? Math.Cos(0.5 * Math.PI * (phase - rise) / (open - rise))
                : 0;
        }
        var y = new double[samples];
        for (int i = 1; i < samples; i++) y[i] = flow[i] - flow[i - 1];
        foreach (var (hz, bandwidth) in new[] { (700.0, 110.0), (1200.0, 150.0) }) y = Resonate(y, hz, bandwidth, rate);
        double peak = y.Max(Math.Abs);
        return y.Select(v => (float)(0.5 * v / peak)).ToArray();
    }

    private static double[] Resonate(double[] x, double hz, double bandwidth, int rate)
    {
        double r = Math.Exp(-Math.PI * bandwidth / rate), theta = 2 * Math.PI * hz / rate;
        double a1 = 2 * r * Math.Cos(theta), a2 = -r * r;
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = x[i] + (i > 0 ? a1 * y[i - 1] : 0) + (i > 1 ? a2 * y[i - 2] : 0);
        return y;
    }

    /// <summary>Median of a non-empty sequence.</summary>
    public static double Median(IEnumerable<float> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
