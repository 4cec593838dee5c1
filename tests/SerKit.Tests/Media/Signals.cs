namespace SerKit.Tests.Media;

/// <summary>Test signals and the measurements the media tests make on them.</summary>
internal static class Signals
{
    /// <summary>A sine of <paramref name="hz"/> at <paramref name="rate"/>, <paramref name="n"/> samples, peak <paramref name="amplitude"/>.</summary>
    public static float[] Sine(double hz, int rate, int n, double amplitude = 0.5, double phase = 0)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate + phase));
        return x;
    }

    /// <summary>Amplitude of the <paramref name="hz"/> component (a single DFT bin with a Hann window, exact for whole-cycle tones).</summary>
    public static double ToneAmplitude(ReadOnlySpan<float> x, double hz, int rate)
    {
        double re = 0, im = 0, wsum = 0;
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n);
            double a = 2 * Math.PI * hz * i / rate;
            re += w * x[i] * Math.Cos(a);
            im -= w * x[i] * Math.Sin(a);
            wsum += w;
        }
        return 2 * Math.Sqrt(re * re + im * im) / wsum;
    }

    /// <summary>The frequency (1 Hz grid between <paramref name="lowHz"/> and <paramref name="highHz"/>) with the largest DFT magnitude.</summary>
    public static double DominantFrequency(ReadOnlySpan<float> x, int rate, double lowHz = 50, double highHz = 7900, double stepHz = 10)
    {
        double best = 0, bestHz = 0;
        for (double f = lowHz; f <= highHz; f += stepHz)
        {
            double a = ToneAmplitude(x, f, rate);
            if (a > best) { best = a; bestHz = f; }
        }
        // refine on a 1 Hz grid around the coarse peak
        for (double f = bestHz - stepHz; f <= bestHz + stepHz; f += 1)
        {
            double a = ToneAmplitude(x, f, rate);
            if (a > best) { best = a; bestHz = f; }
        }
        return bestHz;
    }

    /// <summary>Upward zero crossings per second.</summary>
    public static double ZeroCrossingRate(ReadOnlySpan<float> x, int rate)
    {
        int crossings = 0;
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0) crossings++;
        }
        return crossings * (double)rate / x.Length;
    }

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x) s += (double)v * v;
        return x.Length == 0 ? 0 : Math.Sqrt(s / x.Length);
    }

    /// <summary>Largest absolute difference between two equally long signals.</summary>
    public static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }
}
