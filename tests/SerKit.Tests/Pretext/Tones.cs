using SerKit.Media;

namespace SerKit.Tests.Pretext;

/// <summary>Test signals of known level: 440 Hz sines (11 periods per 25 ms window) in segments.</summary>
internal static class Tones
{
    /// <summary>Segments of (seconds, RMS level in dBFS); null level is digital silence.</summary>
    public static float[] Make(params (double Seconds, double? Db)[] segments)
    {
        var samples = new List<float>();
        foreach (var (seconds, db) in segments)
        {
            int n = (int)Math.Round(seconds * 16000);
            double amplitude = db is { } d ? Math.Sqrt(2) * Math.Pow(10, d / 20) : 0;
            for (int i = 0; i < n; i++)
            {
                int t = samples.Count;
                samples.Add((float)(amplitude * Math.Sin(2 * Math.PI * 440 * t / 16000.0)));
            }
        }
        return samples.ToArray();
    }

    /// <summary>Writes segments as a 32-bit float WAV (levels exact down to −100 dBFS).</summary>
    public static void Write(string path, params (double Seconds, double? Db)[] segments)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WavFile.Write(path, Make(segments), 16000, WavSampleFormat.Float32);
    }
}
