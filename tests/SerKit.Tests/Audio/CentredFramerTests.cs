using SerKit.Audio;
using SerKit.Media;

namespace SerKit.Tests.Audio;

public class CentredFramerTests
{
    /// <summary>The definition: reflect-pad by L/2 (numpy/torch 'reflect', edge not repeated), frames at t·H.</summary>
    private static float[][] ReferenceFrames(float[] x, int length, int hop)
    {
        int pad = length / 2;
        var padded = new float[x.Length + 2 * pad];
        for (int i = 0; i < padded.Length; i++)
        {
            int j = i - pad;
            if (j < 0) j = -j;
            if (j >= x.Length) j = 2 * (x.Length - 1) - j;
            padded[i] = x[j];
        }
        int frames = 1 + x.Length / hop;
        Assert.Equal(frames, 1 + (padded.Length - length) / hop);
        return Enumerable.Range(0, frames).Select(t => padded.AsSpan(t * hop, length).ToArray()).ToArray();
    }

    private static float[][] Framed(float[] x, int length, int hop, int blockFrames, int pushSize)
    {
        var frames = new List<float[]>();
        var framer = new CentredFramer(length, hop, blockFrames, "test.wav", 16000, (segment, n) =>
        {
            Assert.Equal((n - 1) * hop + length, segment.Length);
            Assert.InRange(n, 1, blockFrames);
            for (int t = 0; t < n; t++) frames.Add(segment.Slice(t * hop, length).ToArray());
        });
        for (int i = 0; i < x.Length; i += pushSize) framer.Push(x.AsSpan(i, Math.Min(pushSize, x.Length - i)));
        long count = framer.Complete();
        Assert.Equal(frames.Count, count);
        return frames.ToArray();
    }

    [Theory]
    [InlineData(400, 160, 7, 1000, 37)]
    [InlineData(400, 160, 512, 1600, 1)]
    [InlineData(400, 160, 1, 401, 400)]
    [InlineData(400, 160, 3, 201, 5)]     // shortest possible signal
    [InlineData(400, 160, 3, 202, 1000)]
    [InlineData(640, 160, 4, 5000, 333)]
    [InlineData(8, 8, 2, 9, 1)]           // hop equal to the frame
    [InlineData(10, 3, 5, 97, 7)]
    public void MatchesReflectPaddedFramingOfTheWholeSignal(int length, int hop, int blockFrames, int samples, int pushSize)
    {
        var random = new Random(samples);
        var x = Enumerable.Range(0, samples).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var expected = ReferenceFrames(x, length, hop);
        var actual = Framed(x, length, hop, blockFrames, pushSize);
        Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.Length; t++) Assert.Equal(expected[t], actual[t]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200)]
    public void TooShortSignalNamesTheFileAndTheMinimumLength(int samples)
    {
        var framer = new CentredFramer(400, 160, 16, "/data/clip.wav", 16000, (_, _) => Assert.Fail("no frame expected"));
        framer.Push(new float[samples]);
        var e = Assert.Throws<MediaException>(() => framer.Complete());
        Assert.Equal("/data/clip.wav", e.Path);
        Assert.Contains("201 samples", e.Message);
        Assert.Contains($"{samples} samples", e.Message);
        Assert.Equal(201, framer.MinimumSamples);
    }

    [Fact]
    public void WorkingMemoryDoesNotGrowWithTheSignal()
    {
        long frames = 0;
        double checksum = 0;
        var framer = new CentredFramer(400, 160, 64, "long.wav", 16000, (segment, n) =>
        {
            frames += n;
            checksum += segment[0];
        });
        Assert.True(framer.Capacity <= 64 * 160 + 400 + 200, $"capacity {framer.Capacity}");
        var chunk = Enumerable.Range(0, 4096).Select(i => (float)Math.Sin(i * 0.01)).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++) framer.Push(chunk); // 8.2 M samples (8.5 min at 16 kHz, 33 MB as float)
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1 + 2000L * 4096 / 160, framer.Complete());
        Assert.True(allocated < 64 * 1024, $"framing 8.2 M samples allocated {allocated} bytes");
        Assert.True(double.IsFinite(checksum));
    }
}
