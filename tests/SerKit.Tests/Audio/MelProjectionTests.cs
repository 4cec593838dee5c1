using SerKit.Audio;

namespace SerKit.Tests.Audio;

public class MelProjectionTests
{
    [Theory]
    [InlineData(400, 64, 1)]
    [InlineData(400, 64, 21)]
    [InlineData(512, 80, 16)]
    [InlineData(400, 13, 9)]
    public void BandedProjectionEqualsTheDenseDefinition(int nfft, int mels, int frames)
    {
        var fb = MelFilterbank.Create(16000, nfft, mels, 0, 8000);
        var random = new Random(frames);
        var spectrum = new float[frames * fb.Bins * 2];
        for (int i = 0; i < spectrum.Length; i++) spectrum[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, -4 * random.NextDouble()));
        spectrum.AsSpan(0, fb.Bins * 2).Clear(); // a silent frame hits the floor

        var expected = new double[frames * mels];
        for (int t = 0; t < frames; t++)
        {
            for (int m = 0; m < mels; m++)
            {
                double sum = 0;
                for (int k = 0; k < fb.Bins; k++)
                {
                    double re = spectrum[(t * fb.Bins + k) * 2], im = spectrum[(t * fb.Bins + k) * 2 + 1];
                    sum += fb.Weights[k * mels + m] * (re * re + im * im);
                }
                expected[t * mels + m] = Math.Log(Math.Max(sum, 1e-10));
            }
        }

        var projection = new MelProjection(fb, 1e-10f);
        var paths = MelProjection.Vectorised ? new[] { false, true } : new[] { false };
        foreach (var vectorised in paths)
        {
            var actual = new float[frames * mels];
            projection.Project(spectrum, frames, actual, vectorised);
            for (int i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) < 1e-4, $"vectorised={vectorised}, value {i}: {actual[i]} vs {expected[i]}");
            Assert.Equal((float)Math.Log(1e-10), actual[0], 5);
        }
    }
}
