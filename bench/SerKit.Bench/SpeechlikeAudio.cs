using SerKit.Media;

namespace SerKit.Bench;

/// <summary>
/// Seeded, speech-like test audio: 2–4 s "phrases" of glottal pulses (F0 gliding between 90 and 220 Hz)
/// through two formant resonators, with breath noise, separated by low-level-noise pauses.
/// </summary>
internal static class SpeechlikeAudio
{
    /// <summary>Writes <paramref name="seconds"/> of audio as a 16-bit WAV (reused when it already exists).</summary>
    public static string Ensure(double seconds, int seed)
    {
        var path = Path.Combine(BenchRepo.Cache, "bench", $"speechlike-{seconds:0}s-seed{seed}.wav");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavFile.Write(path, Generate((int)(seconds * 16000), seed), 16000);
        return path;
    }

    public static float[] Generate(int samples, int seed)
    {
        const int rate = 16000;
        var random = new Random(seed);
        var x = new float[samples];
        double phase = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0, previousFlow = 0;
        int i = 0;
        while (i < samples)
        {
            int phrase = Math.Min(samples - i, rate * (2 + random.Next(3)));
            double f0Start = 90 + 130 * random.NextDouble(), f0End = 90 + 130 * random.NextDouble();
            for (int k = 0; k < phrase; k++, i++)
            {
                double f0 = f0Start + (f0End - f0Start) * k / phrase;
                phase += f0 / rate;
                phase -= Math.Floor(phase);
                double flow = phase < 0.36 ? 0.5 * (1 - Math.Cos(Math.PI * phase / 0.36)) : phase < 0.6 ? Math.Cos(0.5 * Math.PI * (phase - 0.36) / 0.24) : 0;
                double source = flow - previousFlow + 0.002 * (random.NextDouble() - 0.5);
                previousFlow = flow;
                double a = Resonate(source, 700, 110, ref y1, ref y2);
                double b = Resonate(a, 1200, 150, ref z1, ref z2);
                x[i] = (float)Math.Clamp(0.02 * b, -1, 1);
            }
            int pause = Math.Min(samples - i, rate / 4 + random.Next(rate / 2));
            for (int k = 0; k < pause; k++, i++) x[i] = (float)(0.001 * (random.NextDouble() - 0.5));
        }
        return x;
    }

    private static double Resonate(double input, double hz, double bandwidth, ref double y1, ref double y2)
    {
        const int rate = 16000;
        double r = Math.Exp(-Math.PI * bandwidth / rate);
        double y = input + 2 * r * Math.Cos(2 * Math.PI * hz / rate) * y1 - r * r * y2;
        y2 = y1;
        y1 = y;
        return y;
    }
}
