using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SerKit.Face;

/// <summary>
/// One level of the cascade of a dlib <c>shape_predictor</c>: the feature pixels it looks at
/// (each an anchor landmark of the mean shape plus an offset, dlib's <c>anchor_idx</c> and
/// <c>deltas</c>) and its regression trees (dlib's <c>std::vector&lt;regression_tree&gt;</c>),
/// stored flat: the splits of tree <c>t</c> are <c>Splits[SplitStart[t] .. SplitStart[t+1])</c>
/// in dlib's breadth-first order (children of node <c>i</c> at <c>2i+1</c>, <c>2i+2</c>), its
/// leaves follow one another in <see cref="Leaves"/> from <c>LeafStart[t]</c>, each a shape
/// increment of <see cref="ShapeLength"/> floats (x0, y0, x1, y1, …).
/// </summary>
internal sealed class RegressionForest
{
    public RegressionForest(int shapeLength, int[] anchors, float[] deltas, SplitFeature[] splits, int[] splitStart, float[] leaves, int[] leafStart)
    {
        ShapeLength = shapeLength;
        Anchors = anchors;
        Deltas = deltas;
        Splits = splits;
        SplitStart = splitStart;
        Leaves = leaves;
        LeafStart = leafStart;
    }

    /// <summary>Floats per shape: twice the number of landmarks.</summary>
    public int ShapeLength { get; }

    /// <summary>Landmark each feature pixel is anchored to.</summary>
    public int[] Anchors { get; }

    /// <summary>Offset (dx, dy) of each feature pixel from its anchor, in mean-shape coordinates.</summary>
    public float[] Deltas { get; }

    public SplitFeature[] Splits { get; }

    public int[] SplitStart { get; }

    public float[] Leaves { get; }

    /// <summary>Index (in leaves, not floats) of the first leaf of each tree; one more entry than trees.</summary>
    public int[] LeafStart { get; }

    public int FeatureCount => Anchors.Length;

    public int TreeCount => SplitStart.Length - 1;

    /// <summary>
    /// Gray values at the feature pixels placed relative to <paramref name="shape"/> (dlib's
    /// <c>extract_feature_pixel_values</c>): offset · similarity + anchor, in float, then to image
    /// pixels through the box, rounded to the nearest pixel (<c>floor(v + 0.5)</c>), 0 outside.
    /// </summary>
    public void ExtractFeatures(GrayImage image, ReadOnlySpan<float> shape, float m00, float m01, float m10, float m11,
                                in BoxTransform box, Span<float> features)
    {
        var anchors = Anchors;
        var deltas = Deltas;
        byte[] pixels = image.Pixels;
        int width = image.Width, height = image.Height, stride = image.Stride;
        ref float shape0 = ref MemoryMarshal.GetReference(shape);
        ref float feature0 = ref MemoryMarshal.GetReference(features);
        for (int i = 0; i < anchors.Length; i++)
        {
            float dx = deltas[2 * i], dy = deltas[2 * i + 1];
            int k = anchors[i];
            float u = m00 * dx + m01 * dy;
            float v = m10 * dx + m11 * dy;
            u += Unsafe.Add(ref shape0, 2 * k);
            v += Unsafe.Add(ref shape0, 2 * k + 1);
            double px = Math.Floor(box.ScaleX * u + box.Left + 0.5);
            double py = Math.Floor(box.ScaleY * v + box.Top + 0.5);
            float value = 0;
            if (px >= 0 && px < width && py >= 0 && py < height)
                value = pixels[(int)py * stride + (int)px];
            Unsafe.Add(ref feature0, i) = value;
        }
    }

    /// <summary>Walks every tree on <paramref name="features"/> and adds the leaves it reaches to <paramref name="shape"/>, tree by tree.</summary>
    public void AddLeaves(ReadOnlySpan<float> features, Span<float> shape, Span<int> leafScratch)
    {
        int trees = TreeCount;
        var splits = Splits;
        var splitStart = SplitStart;
        var leafStart = LeafStart;
        ref float feature0 = ref MemoryMarshal.GetReference(features);
        ref SplitFeature split0 = ref MemoryArrayRef(splits);
        // The features do not change within a level, so all trees are walked first; the leaf
        // sums then stream through memory with the next leaves prefetched.
        for (int t = 0; t < trees; t++)
        {
            int start = splitStart[t], count = splitStart[t + 1] - start;
            ref SplitFeature tree = ref Unsafe.Add(ref split0, start);
            int node = 0;
            while (node < count)
            {
                ref SplitFeature s = ref Unsafe.Add(ref tree, node);
                node = Unsafe.Add(ref feature0, s.Idx1) - Unsafe.Add(ref feature0, s.Idx2) > s.Threshold ? 2 * node + 1 : 2 * node + 2;
            }
            leafScratch[t] = (leafStart[t] + node - count) * ShapeLength;
        }
        Accumulate(leafScratch[..trees], shape);
    }

    private unsafe void Accumulate(ReadOnlySpan<int> leafOffsets, Span<float> shape)
    {
        int n = ShapeLength;
        fixed (float* leaves = Leaves)
        fixed (float* s = shape)
        {
            const int Ahead = 4;
            for (int t = 0; t < leafOffsets.Length; t++)
            {
                if (Sse.IsSupported && t + Ahead < leafOffsets.Length)
                {
                    byte* next = (byte*)(leaves + leafOffsets[t + Ahead]);
                    for (int b = 0; b < n * sizeof(float); b += 64) Sse.Prefetch0(next + b);
                }
                float* leaf = leaves + leafOffsets[t];
                int i = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; i + 8 <= n; i += 8)
                        Vector256.Store(Vector256.Load(s + i) + Vector256.Load(leaf + i), s + i);
                }
                for (; i < n; i++) s[i] += leaf[i];
            }
        }
    }

    private static ref SplitFeature MemoryArrayRef(SplitFeature[] array) => ref MemoryMarshal.GetArrayDataReference(array);
}
