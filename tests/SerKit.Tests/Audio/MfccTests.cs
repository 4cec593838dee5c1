using SerKit.Audio;

namespace SerKit.Tests.Audio;

public class MfccTests
{
    [Fact]
    public void DctBasisIsOrthonormal()
    {
        const int m = 64;
        var d = MfccExtractorAccess.Dct(m, m);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double dot = 0;
                for (int n = 0; n < m; n++) dot += (double)d[n * m + i] * d[n * m + j];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 5);
            }
        }
    }

    [Fact]
    public void MfccIsTheDctOfEachLogMelFrame()
    {
        var x = TestSignals.GlottalPulses(160, 12000).Zip(TestSignals.Noise(12000, 0.02, 9), (a, b) => a + b).ToArray();
        var logMel = FeatureExtractors.Create(new FeatureOptions()).Compute(x, out int frames);
        var mfccExtractor = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.Mfcc, Mfcc = 20 });
        var mfcc = mfccExtractor.Compute(x, out int mfccFrames);
        Assert.Equal(frames, mfccFrames);
        Assert.Equal(20, mfccExtractor.Dimension);
        Assert.Equal("mfcc_19", mfccExtractor.ColumnNames[19]);
        for (int t = 0; t < frames; t++)
        {
            for (int k = 0; k < 20; k++)
            {
                // c_k = sqrt(2/M) Σ_n log-mel[n] cos(π k (n + ½) / M), c_0 scaled by 1/√2.
                double c = 0, magnitude = 0;
                for (int n = 0; n < 64; n++)
                {
                    c += logMel[t * 64 + n] * Math.Cos(Math.PI * k * (n + 0.5) / 64);
                    magnitude += Math.Abs(logMel[t * 64 + n]);
                }
                c *= Math.Sqrt(2.0 / 64) * (k == 0 ? 1 / Math.Sqrt(2) : 1);
                // float32 products summed over 64 bands: allow a few ulps of the summed magnitude.
                double tolerance = 1e-6 * magnitude + 1e-5;
                Assert.True(Math.Abs(c - mfcc[t * 20 + k]) <= tolerance, $"frame {t}, c{k}: {mfcc[t * 20 + k]} vs {c} (tolerance {tolerance:E1})");
            }
        }
    }
}
