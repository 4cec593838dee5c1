using SerKit.Audio;

namespace SerKit.Tests.Audio;

public class FeatureOptionsTests
{
    [Fact]
    public void DefaultsAreTwentyFiveMillisecondWindowsEveryTenMilliseconds()
    {
        var o = new FeatureOptions();
        Assert.Equal((16000, 400, 160, 400, 64, 13), (o.SampleRate, o.WindowLength, o.Hop, o.NFft, o.Mels, o.Mfcc));
        Assert.Equal(8000f, o.EffectiveFMax);
        Assert.Equal(1 + 16000 / 160, o.FrameCount(16000));
        Assert.Equal(201, o.MinimumSamples);
        Assert.Equal(321, (o with { Kind = FeatureKind.F0 }).MinimumSamples);
        o.Validate();
    }

    [Theory]
    [InlineData("hop", 0, 0)]
    [InlineData("n_fft", 1, 300)]
    [InlineData("window length", 2, 401)]
    [InlineData("MFCC", 3, 65)]
    [InlineData("f_max", 4, 9000)]
    [InlineData("F0 window", 5, 500)]
    public void InconsistentOptionsAreRefusedWithTheirName(string named, int which, int value)
    {
        var o = which switch
        {
            0 => new FeatureOptions { Hop = value },
            1 => new FeatureOptions { NFft = value },
            2 => new FeatureOptions { WindowLength = value, NFft = 402 },
            3 => new FeatureOptions { Mfcc = value },
            4 => new FeatureOptions { FMax = value },
            _ => new FeatureOptions { F0WindowLength = value },
        };
        var e = Assert.Throws<ArgumentException>(() => FeatureExtractors.Create(o));
        Assert.Contains(named, e.Message);
    }
}
