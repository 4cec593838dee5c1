using System.Globalization;

namespace SerKit.Face;

/// <summary>
/// Reads dlib's serialized <c>shape_predictor</c> (dlib/image_processing/shape_predictor.h,
/// version 1): the version (int), <c>initial_shape</c> (float column), <c>forests</c> (a vector of
/// cascade levels, each a vector of trees, each its splits <c>(idx1, idx2, thresh)</c> and its leaf
/// shape increments), <c>anchor_idx</c> and <c>deltas</c> (per level, the feature pixels).
/// </summary>
internal static class ShapePredictorReader
{
    private const int MaxLevels = 1000, MaxTrees = 100_000, MaxSplits = 1 << 20, MaxFeatures = 1 << 20, MaxLandmarks = 10_000;

    public static ShapePredictor Read(string path)
    {
        if (!File.Exists(path))
            throw new ShapePredictorException(path, null, "the model file does not exist (the 68-landmark model is installed by Debian's libdlib-data: apt-get install libdlib-data)");
        using var r = new DlibSerializedReader(path);
        long versionAt = r.Offset;
        long version = r.Signed(4, "the shape_predictor version");
        if (version != 1) throw r.Error($"shape_predictor version {version}, expected 1 (not a dlib shape_predictor file?)", versionAt);

        long shapeAt = r.Offset;
        var initial = r.FloatColumn("initial_shape");
        if (initial.Length == 0 || initial.Length % 2 != 0 || initial.Length / 2 > MaxLandmarks)
            throw r.Error($"initial_shape has {initial.Length} values, expected an even number of 2 to {2 * MaxLandmarks}", shapeAt);
        int shapeLength = initial.Length;

        int levels = r.Count("the number of cascade levels", MaxLevels);
        var trees = new (SplitFeature[] Splits, int[] SplitStart, float[] Leaves, int[] LeafStart)[levels];
        for (int level = 0; level < levels; level++) trees[level] = ReadLevel(r, level, shapeLength);

        long anchorsAt = r.Offset;
        int anchorLevels = r.Count("the number of anchor_idx levels", MaxLevels);
        if (anchorLevels != levels) throw r.Error($"anchor_idx has {anchorLevels} levels, forests has {levels}", anchorsAt);
        var anchors = new int[levels][];
        for (int level = 0; level < levels; level++)
        {
            int count = r.Count("the number of feature pixels", MaxFeatures);
            anchors[level] = new int[count];
            for (int i = 0; i < count; i++) anchors[level][i] = r.Count("a feature anchor landmark", shapeLength / 2 - 1);
        }

        long deltasAt = r.Offset;
        int deltaLevels = r.Count("the number of deltas levels", MaxLevels);
        if (deltaLevels != levels) throw r.Error($"deltas has {deltaLevels} levels, forests has {levels}", deltasAt);
        var cascade = new RegressionForest[levels];
        for (int level = 0; level < levels; level++)
        {
            long at = r.Offset;
            int count = r.Count("the number of feature offsets", MaxFeatures);
            if (count != anchors[level].Length)
                throw r.Error($"level {level} has {count} feature offsets but {anchors[level].Length} anchors", at);
            var deltas = new float[2 * count];
            for (int i = 0; i < deltas.Length; i++) deltas[i] = r.Float("a feature offset");
            var t = trees[level];
            foreach (var s in t.Splits)
            {
                if (s.Idx1 >= count || s.Idx2 >= count)
                    throw r.Error($"level {level} has a split on feature {Math.Max(s.Idx1, s.Idx2)} but only {count} feature pixels", at);
            }
            cascade[level] = new RegressionForest(shapeLength, anchors[level], deltas, t.Splits, t.SplitStart, t.Leaves, t.LeafStart);
        }
        return new ShapePredictor(initial, cascade);
    }

    private static (SplitFeature[], int[], float[], int[]) ReadLevel(DlibSerializedReader r, int level, int shapeLength)
    {
        int treeCount = r.Count("the number of trees", MaxTrees);
        var splitStart = new int[treeCount + 1];
        var leafStart = new int[treeCount + 1];
        var splits = new List<SplitFeature>();
        float[] leaves = [];
        for (int t = 0; t < treeCount; t++)
        {
            long treeAt = r.Offset;
            int splitCount = r.Count("the number of splits", MaxSplits);
            for (int i = 0; i < splitCount; i++)
            {
                int idx1 = r.Count("a split feature index", int.MaxValue);
                int idx2 = r.Count("a split feature index", int.MaxValue);
                splits.Add(new SplitFeature(idx1, idx2, r.Float("a split threshold")));
            }
            long leavesAt = r.Offset;
            int leafCount = r.Count("the number of leaves", MaxSplits + 1);
            if (leafCount != splitCount + 1 || (leafCount & (leafCount - 1)) != 0)
                throw r.Error(string.Create(CultureInfo.InvariantCulture,
                    $"tree {t} of level {level} has {splitCount} splits and {leafCount} leaves; dlib trees are complete (leaves = splits + 1, a power of 2)"), leavesAt);
            splitStart[t + 1] = splits.Count;
            leafStart[t + 1] = leafStart[t] + leafCount;
            long needed = (long)leafStart[t + 1] * shapeLength;
            if (needed > Array.MaxLength) throw r.Error($"level {level} has too many leaves", treeAt);
            if (needed > leaves.Length)
                Array.Resize(ref leaves, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)treeCount * leafCount * shapeLength)));
            int offset = leafStart[t] * shapeLength;
            for (int leaf = 0; leaf < leafCount; leaf++)
            {
                var values = r.FloatColumn("a leaf value", shapeLength);
                values.CopyTo(leaves, offset + leaf * shapeLength);
            }
        }
        if (leaves.Length != (long)leafStart[treeCount] * shapeLength) Array.Resize(ref leaves, leafStart[treeCount] * shapeLength);
        return (splits.ToArray(), splitStart, leaves, leafStart);
    }
}
