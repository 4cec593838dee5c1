using System.Globalization;
using SerKit.Audio;
using SerKit.IO;
using SerKit.Media;

namespace SerKit.Bench;

/// <summary>
/// <c>parity</c>: SerKit's log-mel against torchaudio's (tools/torchaudio_logmel.py) on the LibriVox WAVs:
/// per file, the mean and max |difference| in natural-log units over the bins whose torchaudio mel power
/// exceeds 1e-6, printed as a markdown table. The same comparison the test suite asserts
/// (mean &lt; 0.01, max &lt; 0.1).
/// </summary>
internal sealed class LogMelParity : IBenchmark
{
    public string Name => "parity";

    public string Description => "log-mel parity with torchaudio on the LibriVox WAVs (per-file mean/max |diff|)";

    public int Run(string[] args)
    {
        var files = LibriVoxFiles.Locate();
        var folder = Path.Combine(Path.GetTempPath(), $"serkit-parity-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            TorchaudioScript.Run(new[] { "--out", folder }.Concat(files));
            var extractor = FeatureExtractors.Create(new FeatureOptions());
            Console.WriteLine("| file | frames | bins compared (power > 1e-6) | mean abs diff | max abs diff |");
            Console.WriteLine("|---|---|---|---|---|");
            bool ok = true;
            foreach (var file in files)
            {
                var reference = NpyArray.Read(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".npy"));
                var ours = extractor.Compute(AudioDecoder.ReadAll(file), out int frames);
                if (reference.Data.Length != ours.Length) throw new InvalidOperationException($"{file}: torchaudio gave shape [{string.Join(", ", reference.Shape)}], SerKit [{frames}, 64]");
                double floor = Math.Log(1e-6), sum = 0, max = 0;
                long n = 0;
                for (int i = 0; i < ours.Length; i++)
                {
                    if (reference.Data[i] <= floor) continue;
                    double d = Math.Abs(ours[i] - reference.Data[i]);
                    sum += d;
                    max = Math.Max(max, d);
                    n++;
                }
                ok &= sum / n < 0.01 && max < 0.1;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(file)} | {frames} | {n} | {sum / n:E2} | {max:E2} |"));
            }
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
