using SerKit.Corpus;

namespace SerKit.Training;

/// <summary>
/// Seeds derived from the run seed: one per epoch and purpose (data order and crops, dropout masks,
/// libtorch's generator), so an epoch's randomness depends only on (seed, epoch). A run resumed
/// at epoch e therefore draws exactly what an uninterrupted run draws from epoch e on.
/// </summary>
public static class SeedSequence
{
    /// <summary>Purposes a seed is derived for.</summary>
    public enum Stream : ulong
    {
        /// <summary>Initial weights.</summary>
        Init = 1,
        /// <summary>Order of the utterances and crop offsets.</summary>
        Data = 2,
        /// <summary>libtorch's generator (dropout).</summary>
        Torch = 3,
        /// <summary>Choice of the labelled subset.</summary>
        Subset = 4,
        /// <summary>SerKit's dropout masks (<see cref="SerKit.Modeling.DropoutGenerator"/>).</summary>
        Dropout = 5,
        /// <summary>k-means of DeepEmoCluster (initial centres), per epoch.</summary>
        Clustering = 20,
        /// <summary>Re-initialisation of DeepEmoCluster's cluster head, per epoch.</summary>
        ClusterHead = 21,
        /// <summary>Choice of the unlabelled utterances when their number is limited.</summary>
        UnlabelledSubset = 22,
        /// <summary>Order of the unlabelled utterances in DeepEmoCluster's batches, per epoch.</summary>
        UnlabelledOrder = 23,
    }

    /// <summary>A 63-bit seed for <paramref name="stream"/> in epoch <paramref name="epoch"/> of a run seeded <paramref name="seed"/>.</summary>
    public static long Derive(long seed, Stream stream, int epoch = 0)
    {
        var g = new SplitMix64(unchecked((ulong)seed));
        ulong a = g.Next();
        var h = new SplitMix64(a ^ ((ulong)stream * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)epoch * 0x8CB92BA72F3D8DD7UL));
        return (long)(h.Next() >> 1);
    }

    /// <summary>A data-order generator for epoch <paramref name="epoch"/>.</summary>
    public static SplitMix64 DataGenerator(long seed, int epoch) => new((ulong)Derive(seed, Stream.Data, epoch));
}
