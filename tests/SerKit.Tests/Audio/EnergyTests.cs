using SerKit.Audio;

namespace SerKit.Tests.Audio;

public class EnergyTests
{
    private static readonly IFeatureExtractor Energy = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.Energy });

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.01)]
    public void SineLevelIsItsRmsInDecibels(double amplitude)
    {
        var x = TestSignals.Sine(1000, amplitude, 16000); // 25 whole cycles per 400-sample frame
        var db = Energy.Compute(x, out int frames);
        Assert.Equal(101, frames);
        double expected = 20 * Math.Log10(amplitude / Math.Sqrt(2));
        for (int t = 0; t < frames; t++) Assert.Equal(expected, db[t], 2);
    }

    [Fact]
    public void SilenceSitsAtTheFloor()
    {
        Assert.All(Energy.Compute(new float[4000], out _), v => Assert.Equal(-100f, v));
        var quieter = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.Energy, EnergyFloorDb = -120 });
        Assert.All(quieter.Compute(new float[4000], out _), v => Assert.Equal(-120f, v));
        Assert.Equal(["energy_db"], Energy.ColumnNames);
    }

    [Fact]
    public void FrameTIsCentredOnSampleTTimesHopLikeTheLogMel()
    {
        // Silence, then a 1 kHz tone from sample 16000 = frame 100's centre.
        var x = new float[32000];
        TestSignals.Sine(1000, 0.5, 16000).CopyTo(x, 16000);
        var db = Energy.Compute(x, out int frames);
        var logMel = FeatureExtractors.Create(new FeatureOptions()).Compute(x, out int melFrames);
        Assert.Equal(melFrames, frames);
        double tone = 20 * Math.Log10(0.5 / Math.Sqrt(2));
        Assert.Equal(-100f, db[98]);             // covers samples 15480..15879: silent
        Assert.Equal(tone - 10 * Math.Log10(2), db[100], 1); // half the frame holds the tone
        Assert.Equal(tone, db[102], 2);          // 16120..16519: all tone
        float MelEnergy(int t) => Enumerable.Range(0, 64).Sum(m => MathF.Exp(logMel[t * 64 + m]));
        Assert.True(MelEnergy(98) < 1e-8f, $"log-mel frame 98 power {MelEnergy(98)}");
        Assert.True(MelEnergy(100) > 1f && MelEnergy(102) > 2 * MelEnergy(100), "log-mel onset at the same frames");
    }
}
