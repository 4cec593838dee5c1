namespace SerKit.Synthetic;

/// <summary>
/// A frontal neutral face in the iBUG-68 landmark layout (jaw 0–16, brows 17–26, nose 27–35,
/// eyes 36–47, outer lips 48–59, inner lips 60–67), in face units (x to the image right,
/// y down, origin near the nose tip, outer eye corners 0.96 apart), with each point's mirror
/// partner and a rough depth used for small head turns.
/// </summary>
internal static class FaceTemplate
{
    public const int Count = 68;

    // Image-left half and midline; the image-right half is mirrored.
    private static readonly (int Index, double X, double Y)[] LeftHalf =
    {
        (0, -0.80, -0.30), (1, -0.79, -0.12), (2, -0.76, 0.06), (3, -0.71, 0.24), (4, -0.63, 0.41),
        (5, -0.52, 0.56), (6, -0.38, 0.69), (7, -0.20, 0.79), (8, 0.00, 0.83),
        (17, -0.64, -0.56), (18, -0.53, -0.64), (19, -0.40, -0.67), (20, -0.27, -0.66), (21, -0.14, -0.61),
        (27, 0.00, -0.44), (28, 0.00, -0.31), (29, 0.00, -0.18), (30, 0.00, -0.05),
        (31, -0.14, 0.05), (32, -0.07, 0.08), (33, 0.00, 0.10),
        (36, -0.48, -0.39), (37, -0.40, -0.44), (38, -0.30, -0.44), (39, -0.22, -0.38), (40, -0.30, -0.35), (41, -0.40, -0.35),
        (48, -0.26, 0.36), (49, -0.17, 0.31), (50, -0.07, 0.28), (51, 0.00, 0.29),
        (57, 0.00, 0.47), (58, -0.08, 0.46), (59, -0.17, 0.43),
        (60, -0.21, 0.36), (61, -0.07, 0.34), (62, 0.00, 0.345), (66, 0.00, 0.38), (67, -0.07, 0.375),
    };

    /// <summary>The mirror partner of each landmark (itself on the midline).</summary>
    public static readonly int[] Mirror = BuildMirror();

    /// <summary>Neutral x of each landmark.</summary>
    public static readonly double[] X = new double[Count];

    /// <summary>Neutral y of each landmark.</summary>
    public static readonly double[] Y = new double[Count];

    /// <summary>Rough depth toward the camera (nose tip highest), for head turns.</summary>
    public static readonly double[] Depth = new double[Count];

    static FaceTemplate()
    {
        var set = new bool[Count];
        foreach (var (i, x, y) in LeftHalf)
        {
            X[i] = x;
            Y[i] = y;
            X[Mirror[i]] = -x;
            Y[Mirror[i]] = y;
            set[i] = set[Mirror[i]] = true;
        }
        for (int i = 0; i < Count; i++)
        {
            if (!set[i]) throw new InvalidOperationException($"face template lacks landmark {i}");
            Depth[i] = 0.3 - 0.45 * X[i] * X[i] + (i is >= 27 and <= 35 ? 0.12 * (1 - Math.Abs(Y[i] + 0.05)) : 0);
        }
    }

    private static int[] BuildMirror()
    {
        var m = new int[Count];
        for (int i = 0; i < Count; i++) m[i] = i;
        void Pair(int a, int b) { m[a] = b; m[b] = a; }
        for (int i = 0; i < 8; i++) Pair(i, 16 - i);
        for (int i = 0; i < 5; i++) Pair(17 + i, 26 - i);
        Pair(31, 35); Pair(32, 34);
        Pair(36, 45); Pair(37, 44); Pair(38, 43); Pair(39, 42); Pair(40, 47); Pair(41, 46);
        Pair(48, 54); Pair(49, 53); Pair(50, 52); Pair(55, 59); Pair(56, 58);
        Pair(60, 64); Pair(61, 63); Pair(65, 67);
        return m;
    }
}
