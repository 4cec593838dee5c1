using SerKit.Audio;
using SerKit.IO;
using SerKit.Media;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Audio;

/// <summary>
/// SerKit's log-mel and MFCC against torchaudio on the LibriVox WAVs: the reference script runs at test
/// time and writes .npy files into a temporary folder.
/// </summary>
public class LogMelParityTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void LogMelMatchesTorchaudioOnLibriVox()
    {
        var files = LibriVox.Files();
        var folder = RepoPaths.NewTempFolder();
        try
        {
            TorchaudioReference.Run($"--out \"{folder}\" " + string.Join(' ', files.Select(f => $"\"{f}\"")));
            var extractor = FeatureExtractors.Create(new FeatureOptions());
            foreach (var file in files)
            {
                var reference = NpyArray.Read(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".npy"));
                var ours = extractor.Compute(AudioDecoder.ReadAll(file), out int frames);
                Assert.Equal(new long[] { frames, 64 }, reference.Shape);
                var (mean, max, compared) = Compare(ours, reference.Data, Math.Log(1e-6));
                output.WriteLine($"{Path.GetFileName(file)}: {frames} frames, {compared} bins with power > 1e-6, mean |diff| {mean:E2}, max {max:E2}");
                Assert.True(compared > frames * 32, "most bins of read speech are above 1e-6");
                Assert.True(mean < 0.01, $"{file}: mean |log-mel diff| {mean}");
                Assert.True(max < 0.1, $"{file}: max |log-mel diff| {max}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public void MfccIsTheOrthonormalDctOfTheSameLogMel()
    {
        var files = LibriVox.Files().Take(2).ToArray();
        var folder = RepoPaths.NewTempFolder();
        try
        {
            TorchaudioReference.Run($"--kind mfcc --mfcc 13 --out \"{folder}\" " + string.Join(' ', files.Select(f => $"\"{f}\"")));
            var extractor = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.Mfcc });
            Assert.Equal(13, extractor.Dimension);
            foreach (var file in files)
            {
                var reference = NpyArray.Read(Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".npy"));
                var ours = extractor.Compute(AudioDecoder.ReadAll(file), out int frames);
                Assert.Equal(new long[] { frames, 13 }, reference.Shape);
                var (mean, max, _) = Compare(ours, reference.Data, double.NegativeInfinity);
                output.WriteLine($"{Path.GetFileName(file)}: MFCC mean |diff| {mean:E2}, max {max:E2}");
                Assert.True(mean < 0.01 && max < 0.1, $"{file}: MFCC mean |diff| {mean}, max {max}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Mean and max |ours − reference| over the values whose reference exceeds <paramref name="logFloor"/>.</summary>
    internal static (double Mean, double Max, long Compared) Compare(float[] ours, float[] reference, double logFloor)
    {
        Assert.Equal(reference.Length, ours.Length);
        double sum = 0, max = 0;
        long n = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            if (reference[i] <= logFloor) continue;
            double diff = Math.Abs(ours[i] - reference[i]);
            sum += diff;
            max = Math.Max(max, diff);
            n++;
        }
        return (n == 0 ? 0 : sum / n, max, n);
    }
}
