using SerKit.Audio;
using SerKit.IO;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Audio;

public class MelFilterbankTests
{
    [Fact]
    public void HtkMelScaleRoundTrips()
    {
        Assert.Equal(2595.0 * Math.Log10(2.0), MelFilterbank.HzToMel(700), 9);
        foreach (var hz in new[] { 0.0, 55.5, 1000, 7999 }) Assert.Equal(hz, MelFilterbank.MelToHz(MelFilterbank.HzToMel(hz)), 6);
    }

    [Fact]
    public void TrianglesSumToOneBetweenTheFirstAndLastCentre()
    {
        var fb = MelFilterbank.Create(16000, 400, 64, 0, 8000);
        Assert.Equal(201, fb.Bins);
        double firstCentre = MelFilterbank.MelToHz(MelFilterbank.HzToMel(8000) / 65);
        double lastCentre = MelFilterbank.MelToHz(MelFilterbank.HzToMel(8000) * 64 / 65);
        int interior = 0;
        for (int k = 0; k < fb.Bins; k++)
        {
            double hz = 8000.0 * k / 200;
            double sum = 0;
            for (int m = 0; m < fb.Mels; m++)
            {
                float w = fb.Weights[k * fb.Mels + m];
                Assert.InRange(w, 0f, 1f);
                sum += w;
                bool inBand = k >= fb.FirstBin[m] && k < fb.FirstBin[m] + fb.BinCount[m];
                Assert.True(inBand || w == 0, $"bin {k} has weight {w} in band {m} outside its recorded range");
            }
            if (hz >= firstCentre && hz <= lastCentre)
            {
                Assert.Equal(1.0, sum, 5);
                interior++;
            }
        }
        Assert.True(interior > 150);
        Assert.All(fb.BinCount, c => Assert.True(c > 0)); // 64 bands over 201 bins: none is empty
    }

    [SkippableFact]
    public void EqualsTorchaudioMelscaleFbanks()
    {
        TorchaudioReference.Require();
        var folder = RepoPaths.NewTempFolder();
        try
        {
            foreach (var (nfft, mels) in new[] { (400, 64), (512, 80) })
            {
                var file = Path.Combine(folder, $"fb-{nfft}-{mels}.npy");
                TorchaudioReference.Run($"--filterbank \"{file}\" --n-fft {nfft} --mels {mels}");
                var reference = NpyArray.Read(file);
                Assert.Equal(new long[] { nfft / 2 + 1, mels }, reference.Shape);
                var ours = MelFilterbank.Create(16000, nfft, mels, 0, 8000).Weights;
                double max = 0;
                for (int i = 0; i < ours.Length; i++) max = Math.Max(max, Math.Abs(ours[i] - reference.Data[i]));
                Assert.True(max < 1e-5, $"n_fft {nfft}, {mels} mels: max |SerKit − torchaudio| = {max}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
