using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Modeling;

/// <summary>Small encoders and seeded random inputs for the model tests.</summary>
internal static class ModelTestData
{
    public static EncoderConfig Small(string positions = "sinusoidal", bool normFirst = true, int[]? strides = null) => new()
    {
        InputDim = 16, Width = 32, Layers = 2, Heads = 4, FeedForward = 48, PoolingDim = 24,
        Positions = positions, NormFirst = normFirst, ConvStrides = strides ?? [1, 2], MaxPositions = 64,
    };

    /// <summary>A small chunk-level encoder: 16 dims, width 32, 3 chunks of 12 frames.</summary>
    public static EncoderConfig SmallChunk(string encoder = "lstm", string aggregation = "gated_attention", int chunks = 3) => Small() with
    {
        Kind = "chunk", Chunk = new ChunkSettings { Frames = 12, Chunks = chunks, Encoder = encoder, Aggregation = aggregation },
    };

    /// <summary>Every chunk encoder with every aggregation.</summary>
    public static TheoryData<string, string> ChunkVariants()
    {
        var data = new TheoryData<string, string>();
        foreach (var e in ChunkSettings.Encoders)
            foreach (var a in ChunkSettings.Aggregations) data.Add(e, a);
        return data;
    }

    public static SerModel Model(EncoderConfig config, long seed = 7)
    {
        SerKit.Runtime.TorchRuntime.Start();
        manual_seed(seed);
        var model = new SerModel(config, [new HeadSpec("ser", ["a", "b", "c"]), new HeadSpec("t1", ["low", "high"])]);
        model.eval();
        return model;
    }

    /// <summary>Deterministic pseudo-random values (not libtorch's generator, so tests do not disturb it).</summary>
    public static float[] Values(int count, int seed)
    {
        var g = new SerKit.Corpus.SplitMix64((ulong)seed);
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)((g.Next() >> 11) * (1.0 / (1UL << 53)) * 4 - 2);
        return x;
    }
}
