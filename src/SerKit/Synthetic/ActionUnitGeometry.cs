namespace SerKit.Synthetic;

/// <summary>
/// How each action unit moves the 68 landmarks, in face units per unit of intensity (0–5
/// scale), following FACS's appearance changes: AU1 raises the inner brows, AU2 the outer
/// brows, AU4 lowers and draws them together, AU5 raises the upper lids, AU6/AU7 raise the
/// lower lids, AU9 lifts the nose wings, AU10 the upper lip, AU12 pulls the lip corners out and
/// up, AU14 tucks them, AU15 pulls them down, AU17 pushes the chin and lower lip up, AU20
/// stretches the lips sideways, AU23 narrows them, AU25 parts them, AU26 drops the jaw and
/// AU45 closes the eyes. Displacements are given for the image-left half and mirrored.
/// </summary>
internal static class ActionUnitGeometry
{
    private static readonly Dictionary<int, (double[] Dx, double[] Dy)> Basis = Build();

    /// <summary>The displacement field of <paramref name="au"/>, or null when it moves no landmark.</summary>
    public static (double[] Dx, double[] Dy)? Of(int au) => Basis.TryGetValue(au, out var b) ? b : null;

    private static Dictionary<int, (double[] Dx, double[] Dy)> Build()
    {
        var basis = new Dictionary<int, (double[], double[])>();
        void Au(int au, params (int Index, double Dx, double Dy)[] moves)
        {
            var dx = new double[FaceTemplate.Count];
            var dy = new double[FaceTemplate.Count];
            foreach (var (i, x, y) in moves)
            {
                int m = FaceTemplate.Mirror[i];
                dx[i] = x;
                dy[i] = y;
                if (m != i)
                {
                    dx[m] = -x;
                    dy[m] = y;
                }
            }
            basis[au] = (dx, dy);
        }
        Au(1, (21, 0.001, -0.014), (20, 0, -0.010), (19, 0, -0.005));
        Au(2, (17, 0, -0.012), (18, 0, -0.013), (19, 0, -0.009), (20, 0, -0.004));
        Au(4, (17, 0, 0.004), (18, 0.002, 0.007), (19, 0.004, 0.009), (20, 0.006, 0.010), (21, 0.008, 0.010),
              (37, 0, 0.002), (38, 0, 0.002));
        Au(5, (37, 0, -0.008), (38, 0, -0.008), (36, 0, -0.002), (39, 0, -0.001));
        Au(6, (40, 0, -0.005), (41, 0, -0.005), (36, 0, -0.002), (48, -0.002, -0.003), (1, 0, -0.002), (2, 0, -0.002));
        Au(7, (40, 0, -0.006), (41, 0, -0.006), (37, 0, 0.004), (38, 0, 0.004), (36, 0.002, 0), (39, -0.001, 0));
        Au(9, (31, 0.002, -0.008), (32, 0.001, -0.007), (33, 0, -0.006), (30, 0, -0.003), (29, 0, -0.002),
              (21, 0.003, 0.005), (20, 0.002, 0.003), (49, 0, -0.004), (50, 0, -0.004), (51, 0, -0.004));
        Au(10, (49, 0, -0.008), (50, 0, -0.010), (51, 0, -0.010), (61, 0, -0.008), (62, 0, -0.008),
               (31, 0, -0.002), (32, 0, -0.002), (33, 0, -0.002));
        Au(12, (48, -0.013, -0.010), (60, -0.011, -0.008), (49, -0.005, -0.004), (59, -0.006, -0.003),
               (61, -0.003, -0.002), (67, -0.003, -0.001), (40, 0, -0.002), (41, 0, -0.002));
        Au(14, (48, -0.006, 0.001), (60, -0.005, 0));
        Au(15, (48, 0.002, 0.012), (60, 0.001, 0.010), (59, 0, 0.005), (49, 0, 0.003), (67, 0, 0.003));
        Au(17, (55, 0, -0.005), (56, 0, -0.005), (57, 0, -0.006), (65, 0, -0.004), (66, 0, -0.004),
               (7, 0, -0.005), (8, 0, -0.005));
        Au(20, (48, -0.014, 0.003), (60, -0.012, 0.002), (49, -0.006, 0), (59, -0.006, 0.001), (61, -0.003, 0), (67, -0.003, 0),
               (3, -0.002, 0), (4, -0.002, 0), (5, -0.002, 0));
        Au(23, (48, 0.006, 0), (60, 0.005, 0), (50, 0, 0.003), (51, 0, 0.003), (56, 0, -0.003), (57, 0, -0.003),
               (61, 0, 0.002), (62, 0, 0.002), (66, 0, -0.002), (67, 0, -0.002));
        Au(25, (61, 0, -0.003), (62, 0, -0.003), (65, 0, 0.010), (66, 0, 0.011), (67, 0, 0.010),
               (55, 0, 0.006), (56, 0, 0.006), (57, 0, 0.006));
        Au(26, (8, 0, 0.022), (7, 0, 0.020), (6, 0, 0.015), (5, 0, 0.008), (4, 0, 0.003),
               (55, 0, 0.016), (56, 0, 0.018), (57, 0, 0.020), (58, 0, 0.018), (65, 0, 0.018), (66, 0, 0.018), (67, 0, 0.018));
        Au(45, (37, 0, 0.017), (38, 0, 0.017), (40, 0, -0.001), (41, 0, -0.001));
        return basis;
    }
}
