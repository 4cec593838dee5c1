using SerKit.Audio;
using SerKit.Media;
using Xunit.Abstractions;

namespace SerKit.Tests.Audio;

public class PitchTests(ITestOutputHelper output)
{
    private static readonly IFeatureExtractor Pitch = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.F0 });

    private static (float[] F0, float[] Voicing) Track(float[] x)
    {
        var values = Pitch.Compute(x, out int frames);
        return (Enumerable.Range(0, frames).Select(t => values[2 * t]).ToArray(), Enumerable.Range(0, frames).Select(t => values[2 * t + 1]).ToArray());
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(220.0)]
    [InlineData(350.0)]
    [InlineData(123.4)]
    public void SineToneF0IsWithinTwoPercent(double hz)
    {
        var (f0, voicing) = Track(TestSignals.Sine(hz, 0.3, 16000));
        var interior = f0.Skip(3).SkipLast(3).ToArray();
        output.WriteLine($"{hz} Hz sine: F0 {interior.Min():F2}..{interior.Max():F2} Hz");
        Assert.All(interior, v => Assert.InRange(v, hz * 0.98, hz * 1.02));
        Assert.All(voicing.Skip(3).SkipLast(3), v => Assert.True(v > 0.85f, $"voicing {v}"));
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(220.0)]
    [InlineData(350.0)]
    public void GlottalPulseTrainF0IsWithinTwoPercent(double hz)
    {
        var (f0, _) = Track(TestSignals.GlottalPulses(hz, 16000));
        var interior = f0.Skip(3).SkipLast(3).ToArray();
        double median = TestSignals.Median(interior);
        output.WriteLine($"{hz} Hz pulses: median F0 {median:F2} Hz, range {interior.Min():F2}..{interior.Max():F2}");
        Assert.InRange(median, hz * 0.98, hz * 1.02);
        Assert.True(interior.Count(v => Math.Abs(v - hz) <= 0.02 * hz) >= 0.95 * interior.Length, "95 % of frames within 2 %");
    }

    [Fact]
    public void WhiteNoiseIsMostlyUnvoiced()
    {
        var (f0, voicing) = Track(TestSignals.Noise(32000, 0.3, 11));
        double voiced = f0.Count(v => v > 0) / (double)f0.Length;
        output.WriteLine($"white noise: {voiced:P1} voiced, median voicing {TestSignals.Median(voicing):F2}");
        Assert.True(voiced < 0.05, $"{voiced:P1} of white-noise frames voiced");
    }

    [Fact]
    public void SilenceIsUnvoicedWithZeroVoicing()
    {
        var values = Pitch.Compute(new float[8000], out int frames);
        Assert.Equal(51, frames);
        Assert.All(values, v => Assert.Equal(0f, v));
        Assert.Equal(["f0_hz", "voicing"], Pitch.ColumnNames);
    }

    [Fact]
    public void VoicedExactlyWhenVoicingExceedsOneMinusTheThreshold()
    {
        var x = TestSignals.GlottalPulses(180, 16000).Zip(TestSignals.Noise(16000, 0.2, 5), (a, b) => a + b).ToArray();
        var (f0, voicing) = Track(x);
        for (int t = 0; t < f0.Length; t++) Assert.Equal(f0[t] > 0, voicing[t] > 1 - Pitch.Options.VoicingThreshold);
    }

    [Fact]
    public void StreamingEqualsWholeSignal()
    {
        var x = TestSignals.GlottalPulses(140, 40000).Zip(TestSignals.Noise(40000, 0.05, 2), (a, b) => a + b).ToArray();
        var sink = new CollectingSink();
        var extractor = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.F0, BlockFrames = 13 });
        long frames = extractor.Run(new ArrayAudioStream(x, 16000, [999, 1, 5000]), sink);
        Assert.Equal(1 + 40000 / 160, frames);
        Assert.Equal(Pitch.Compute(x, out _), sink.Values);
    }

    [SkippableFact]
    public void ReadSpeechHasPlausibleF0AndVoicedShare()
    {
        foreach (var file in LibriVox.Files())
        {
            var (f0, _) = Track(AudioDecoder.ReadAll(file));
            var voiced = f0.Where(v => v > 0).ToArray();
            double share = voiced.Length / (double)f0.Length;
            double median = TestSignals.Median(voiced);
            output.WriteLine($"{Path.GetFileName(file)}: {share:P1} voiced, median F0 {median:F1} Hz");
            Assert.InRange(share, 0.2, 0.9);
            Assert.InRange(median, 80, 300);
        }
    }
}
