using SerKit.Audio;
using SerKit.Media;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace SerKit.Tests.Audio;

public class LogMelStreamingTests(ITestOutputHelper output)
{
    private static float[] Speechlike(int samples)
    {
        var pulses = TestSignals.GlottalPulses(130, samples);
        var noise = TestSignals.Noise(samples, 0.01, 3);
        return pulses.Zip(noise, (a, b) => a + b).ToArray();
    }

    /// <summary>The definition computed literally on the whole signal: torch.stft(center=True, reflect), |X|², mel, log.</summary>
    private static float[] WholeSignalDefinition(float[] x, FeatureOptions o)
    {
        using var scope = NewDisposeScope();
        var fb = MelFilterbank.Create(o.SampleRate, o.NFft, o.Mels, o.FMin, o.EffectiveFMax);
        var spectrum = stft(tensor(x), o.NFft, o.Hop, o.WindowLength, hann_window(o.WindowLength), center: true,
            pad_mode: PaddingModes.Reflect, onesided: true, return_complex: true);              // [Bins, frames]
        var power = spectrum.abs().pow(2);
        var mel = tensor(fb.Weights, new long[] { fb.Bins, fb.Mels }).t().mm(power);      // [Mels, frames]
        return mel.clamp_min(o.LogMelFloor).log().t().contiguous().data<float>().ToArray();
    }

    [Fact]
    public void StreamingInSmallBlocksEqualsTheWholeSignalAtOnce()
    {
        var x = Speechlike(16000 * 7 + 123);
        var options = new FeatureOptions { BlockFrames = 37 };
        var streamed = new CollectingSink();
        long frames = FeatureExtractors.Create(options).Run(new ArrayAudioStream(x, 16000, [1, 777, 4096, 160, 3]), streamed);
        Assert.Equal(1 + x.Length / 160, frames);
        Assert.True(streamed.Blocks > 10);

        var oneBlock = FeatureExtractors.Create(options with { BlockFrames = 100_000 }).Compute(x, out int wholeFrames);
        Assert.Equal(frames, wholeFrames);
        Assert.Equal(oneBlock.Length, streamed.Values.Length);
        double maxBlocks = oneBlock.Zip(streamed.Values, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxBlocks <= 1e-5, $"blocks of 37 frames vs one block: max |diff| {maxBlocks}");

        var definition = WholeSignalDefinition(x, options);
        Assert.Equal(definition.Length, oneBlock.Length);
        double maxDefinition = definition.Zip(streamed.Values, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"max |diff|: 37-frame blocks vs one block {maxBlocks:E2}; vs torch.stft(center=True) on the whole signal {maxDefinition:E2}");
        Assert.True(maxDefinition <= 1e-4, $"streamed vs torch.stft(center=True) on the whole signal: max |diff| {maxDefinition}");
    }

    [Fact]
    public void LongStreamRunsInBoundedMemory()
    {
        const long samples = 16000L * 60 * 20; // 20 minutes: 77 MB as float32
        var extractor = FeatureExtractors.Create(new FeatureOptions());
        extractor.Run(new SyntheticAudioStream(16000 * 10), new CountingSink()); // warm up
        var sink = new CountingSink();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long frames = extractor.Run(new SyntheticAudioStream(samples), sink);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"20 min streamed: {frames} frames, {allocated / 1e6:F2} MB managed allocations");
        Assert.Equal(1 + samples / 160, frames);
        Assert.Equal(frames * 64, sink.Values);
        Assert.True(sink.AllFinite);
        Assert.True(allocated < 16L << 20, $"20 minutes of audio allocated {allocated / 1e6:F1} MB of managed memory");
    }

    [Fact]
    public void OneInstanceServesSeveralThreadsAtOnce()
    {
        var extractor = FeatureExtractors.Create(new FeatureOptions { BlockFrames = 64 });
        var signals = Enumerable.Range(0, 4).Select(i => Speechlike(16000 * 3 + 1000 * i)).ToArray();
        var sequential = signals.Select(s => extractor.Compute(s, out _)).ToArray();
        var parallel = new float[signals.Length][];
        Parallel.For(0, signals.Length * 3, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var result = extractor.Compute(signals[i % signals.Length], out _);
            parallel[i % signals.Length] = result;
            Assert.Equal(sequential[i % signals.Length], result);
        });
        Assert.All(parallel, Assert.NotNull);
    }

    [Fact]
    public void WrongSampleRateOrTooShortAudioNamesTheFile()
    {
        var extractor = FeatureExtractors.Create(new FeatureOptions());
        var e = Assert.Throws<MediaException>(() => extractor.Run(new ArrayAudioStream(new float[8000], 8000, [512], "/in/eight-k.wav"), new CollectingSink()));
        Assert.Equal("/in/eight-k.wav", e.Path);
        Assert.Contains("8000 Hz", e.Message);

        var shortClip = Assert.Throws<MediaException>(() => extractor.Run(new ArrayAudioStream(new float[150], 16000, [512], "/in/click.wav"), new CollectingSink()));
        Assert.Equal("/in/click.wav", shortClip.Path);
        Assert.Contains("at least 201 samples", shortClip.Message);
        Assert.Throws<MediaException>(() => extractor.Compute(new float[200], out _));
        Assert.Equal(2, extractor.Compute(new float[201], out int frames).Length / 64);
        Assert.Equal(2, frames);
    }

    [Fact]
    public void SilenceSitsAtTheLogFloorAndColumnsAreNamed()
    {
        var extractor = FeatureExtractors.Create(new FeatureOptions { Mels = 40 });
        var values = extractor.Compute(new float[1600], out int frames);
        Assert.Equal(11, frames);
        Assert.All(values, v => Assert.Equal(MathF.Log(1e-10f), v, 4));
        Assert.Equal(40, extractor.Dimension);
        Assert.Equal("logmel_0", extractor.ColumnNames[0]);
        Assert.Equal("logmel_39", extractor.ColumnNames[39]);
    }
}
