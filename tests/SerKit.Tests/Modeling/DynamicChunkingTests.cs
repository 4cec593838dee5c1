using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

/// <summary>Chunk boundaries of dynamic chunking, checked by hand (m = 100 frames unless stated).</summary>
public class DynamicChunkingTests
{
    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    [Theory]
    [InlineData(301, 100, 4)] // 3.01 s → 4 chunks of 1 s
    [InlineData(300, 100, 3)]
    [InlineData(299, 100, 3)]
    [InlineData(100, 100, 1)]
    [InlineData(37, 100, 1)]
    [InlineData(1, 100, 1)]
    [InlineData(250, 50, 5)]
    public void ChunkCountIsTheLongestUtteranceOverTheChunkLengthRoundedUp(int longest, int m, int expected) =>
        Assert.Equal(expected, DynamicChunking.ChunkCount(longest, m));

    [Fact]
    public void AShortUtteranceIsTiledToOneChunkAndRepeated()
    {
        // T = 37 < m = 100: every chunk is frames 0..36, 0..36, 0..25.
        Assert.Equal(new[] { 0, 0, 0 }, DynamicChunking.Starts(37, 100, 3));
        Assert.Equal(0, DynamicChunking.Step(37, 100, 3));
        var index = DynamicChunking.FrameIndices(37, 100, 3);
        var chunk = Range(0, 37).Concat(Range(0, 37)).Concat(Range(0, 26)).ToArray();
        Assert.Equal(chunk.Concat(chunk).Concat(chunk), index);
        Assert.Equal(Enumerable.Repeat(0, 100), DynamicChunking.FrameIndices(1, 100, 1)); // a single frame
    }

    [Fact]
    public void AnUtteranceOfExactlyOneChunkGivesCIdenticalChunks()
    {
        Assert.Equal(new[] { 0, 0, 0, 0 }, DynamicChunking.Starts(100, 100, 4));
        Assert.Equal(Enumerable.Repeat(Range(0, 100), 4).SelectMany(c => c), DynamicChunking.FrameIndices(100, 100, 4));
    }

    [Fact]
    public void AnUtteranceOfExactlyCChunksIsCutWithoutOverlap()
    {
        // T = C·m = 300: step = ⌊200 / 2⌋ = 100, so the chunks tile the utterance.
        Assert.Equal(100, DynamicChunking.Step(300, 100, 3));
        Assert.Equal(new[] { 0, 100, 200 }, DynamicChunking.Starts(300, 100, 3));
        Assert.Equal(Range(0, 300), DynamicChunking.FrameIndices(300, 100, 3));
    }

    [Fact]
    public void AShorterUtteranceGetsOverlappingChunks()
    {
        // T = 250, C = 3: step ⌊150 / 2⌋ = 75, overlap 25 frames, the last chunk ends at the last frame.
        Assert.Equal(new[] { 0, 75, 150 }, DynamicChunking.Starts(250, 100, 3));
        Assert.Equal(Range(0, 100).Concat(Range(75, 100)).Concat(Range(150, 100)), DynamicChunking.FrameIndices(250, 100, 3));
        // T = 301, C = 4: step ⌊201 / 3⌋ = 67; the last chunk is 201..300, ending on the last frame.
        Assert.Equal(new[] { 0, 67, 134, 201 }, DynamicChunking.Starts(301, 100, 4));
        // T = 302, C = 4: step ⌊202 / 3⌋ = 67 again; now the rounding leaves out the last frame (301).
        Assert.Equal(300, DynamicChunking.FrameIndices(302, 100, 4)[^1]);
    }

    [Fact]
    public void ALongUtteranceStillGivesCChunksWithGaps()
    {
        // T = 1000 > C·m = 300: step ⌊900 / 2⌋ = 450 > m, gaps of 350 frames; the last chunk ends at frame 999.
        Assert.Equal(450, DynamicChunking.Step(1000, 100, 3));
        Assert.Equal(new[] { 0, 450, 900 }, DynamicChunking.Starts(1000, 100, 3));
        var index = DynamicChunking.FrameIndices(1000, 100, 3);
        Assert.Equal(300, index.Length);
        Assert.Equal(Range(900, 100), index[200..]);
    }

    [Fact]
    public void ASingleChunkIsCentred()
    {
        Assert.Equal(new[] { 75 }, DynamicChunking.Starts(250, 100, 1)); // ⌊150 / 2⌋
        Assert.Equal(new[] { 0 }, DynamicChunking.Starts(100, 100, 1));
        Assert.Equal(Range(75, 100), DynamicChunking.FrameIndices(250, 100, 1));
        Assert.Equal(Range(0, 40).Concat(Range(0, 40)).Concat(Range(0, 20)), DynamicChunking.FrameIndices(40, 100, 1));
    }

    [Fact]
    public void ChunkCopiesTheFramesOfEachChunk()
    {
        // 5 frames of 2 dims (frame t = [t, 10 + t]), chunks of 2 frames, C = 3: step ⌊3 / 2⌋ = 1 → frames 0,1 | 1,2 | 2,3.
        var x = new float[] { 0, 10, 1, 11, 2, 12, 3, 13, 4, 14 };
        Assert.Equal(new float[] { 0, 10, 1, 11, 1, 11, 2, 12, 2, 12, 3, 13 }, DynamicChunking.Chunk(x, 5, 2, 2, 3));
        Assert.Throws<ArgumentException>(() => DynamicChunking.Chunk(x, 4, 2, 2, 3));
    }

    [Fact]
    public void BatchChunkingIgnoresPaddingAndMatchesEachUtteranceAlone()
    {
        SerKit.Runtime.TorchRuntime.Start();
        int[] lengths = { 23, 7, 16 };
        int padded = 25, dim = 3, m = 8, c = 3;
        var batch = ModelTestData.Values(lengths.Length * padded * dim, 5);
        for (int b = 0; b < lengths.Length; b++) // padding holds huge values: any use of it shows
            for (int t = lengths[b]; t < padded; t++)
                for (int d = 0; d < dim; d++) batch[(b * padded + t) * dim + d] = 1e6f;
        using var scope = NewDisposeScope();
        var chunks = DynamicChunking.Apply(tensor(batch, new long[] { lengths.Length, padded, dim }), tensor(lengths.Select(l => (long)l).ToArray()), m, c);
        Assert.Equal(new long[] { lengths.Length * c, m, dim }, chunks.shape);
        var values = chunks.contiguous().data<float>().ToArray();
        for (int b = 0; b < lengths.Length; b++)
        {
            var alone = DynamicChunking.Chunk(batch.AsSpan(b * padded * dim, lengths[b] * dim), lengths[b], dim, m, c);
            Assert.Equal(alone, values.AsSpan(b * c * m * dim, c * m * dim).ToArray());
        }
        Assert.Throws<ArgumentException>(() => DynamicChunking.Apply(tensor(batch, new long[] { lengths.Length, padded, dim }), tensor(new long[] { 23, 0, 16 }), m, c));
    }

    [Fact]
    public void ChunkLabelsCopyTheUtteranceLabel()
    {
        Assert.Equal(new[] { "ANG", "ANG", "ANG" }, DynamicChunking.ChunkLabels("ANG", 3));
        Assert.Equal(new int?[] { 2, 2 }, DynamicChunking.ChunkLabels<int?>(2, 2));
    }

    [Fact]
    public void BadSizesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicChunking.Starts(0, 100, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicChunking.Starts(50, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicChunking.Starts(50, 100, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamicChunking.ChunkCount(0, 100));
    }
}
