using SerKit.Face;

namespace SerKit.Tests.Pretext;

/// <summary>Builds face tracks for the pretext tests: a 68-point template face, moved and scored per frame.</summary>
internal static class TestFaces
{
    /// <summary>
    /// A frontal 68-point face (iBUG-68 numbering) with outer eye corners 36 and 45 exactly
    /// 100 px apart at y = 0 and the nose tip 30 at (0, 40).
    /// </summary>
    public static (double[] X, double[] Y) Template()
    {
        var x = new double[68];
        var y = new double[68];
        for (int i = 0; i <= 16; i++) { double a = Math.PI * i / 16; x[i] = -90 * Math.Cos(a); y[i] = 20 + 90 * Math.Sin(a); }
        for (int i = 0; i < 5; i++) { x[17 + i] = -75 + 12 * i; y[17 + i] = -25 - 4 * Math.Sin(Math.PI * i / 4); }
        for (int i = 0; i < 5; i++) { x[22 + i] = 27 + 12 * i; y[22 + i] = -25 - 4 * Math.Sin(Math.PI * i / 4); }
        for (int i = 0; i < 4; i++) { x[27 + i] = 0; y[27 + i] = 10 * i + 10; }
        for (int i = 0; i < 5; i++) { x[31 + i] = -16 + 8 * i; y[31 + i] = 48; }
        // Eyes: 36..41 left (outer corner 36 at -50, inner 39 at -20), 42..47 right (inner 42 at 20, outer 45 at 50).
        double[] ex = [0, 0.25, 0.75, 1, 0.75, 0.25];
        double[] ey = [0, -6, -6, 0, 6, 6];
        for (int i = 0; i < 6; i++) { x[36 + i] = -50 + 30 * ex[i]; y[36 + i] = ey[i]; }
        for (int i = 0; i < 6; i++) { x[42 + i] = 20 + 30 * ex[i]; y[42 + i] = ey[i]; }
        for (int i = 0; i < 12; i++) { double a = 2 * Math.PI * i / 12; x[48 + i] = -30 * Math.Cos(a); y[48 + i] = 75 - 10 * Math.Sin(a); }
        for (int i = 0; i < 8; i++) { double a = 2 * Math.PI * i / 8; x[60 + i] = -20 * Math.Cos(a); y[60 + i] = 75 - 4 * Math.Sin(a); }
        return (x, y);
    }

    /// <summary>
    /// A frame: the template with the mouth opened by <paramref name="mouthOpen"/> px (lower lip
    /// points 55–59 and 65–67 move down) and brows raised by <paramref name="browRaise"/> px, then
    /// scaled by <paramref name="scale"/> and moved by (<paramref name="dx"/>, <paramref name="dy"/>).
    /// </summary>
    public static (float[] X, float[] Y) Pose(double mouthOpen, double browRaise = 0, double scale = 1, double dx = 300, double dy = 200)
    {
        var (x, y) = Template();
        foreach (var i in new[] { 55, 56, 57, 58, 59, 65, 66, 67 }) y[i] += mouthOpen;
        for (int i = 17; i <= 26; i++) y[i] -= browRaise;
        var fx = new float[68];
        var fy = new float[68];
        for (int i = 0; i < 68; i++) { fx[i] = (float)(x[i] * scale + dx); fy[i] = (float)(y[i] * scale + dy); }
        return (fx, fy);
    }

    /// <summary>A frame with landmarks and no AUs.</summary>
    public static FaceFrame Frame(int index, (float[] X, float[] Y) pose, bool success = true, double confidence = 0.98) =>
        new(index + 1, 0, index / 30.0, confidence, success, pose.X, pose.Y, [], []);

    /// <summary>A landmark-only track.</summary>
    public static FaceTrack Landmarks(IEnumerable<FaceFrame> frames, string path = "test.csv") =>
        new(path, frames.ToArray(), Array.Empty<int>(), Array.Empty<int>());

    /// <summary>
    /// A track with the OpenFace AUs where frame i has exactly the AUs of <paramref name="present"/>[i]
    /// present (AUxx_c = 1, AUxx_r = 2.5) and the others absent (0, 0.2). With
    /// <paramref name="intensityOnly"/> the track has no AUxx_c columns.
    /// </summary>
    /// <remarks>
    /// The mouth opens and closes by <paramref name="motion"/> px every other frame.
    /// </remarks>
    public static FaceTrack Aus(IReadOnlyList<int[]> present, bool intensityOnly = false, Func<int, bool>? valid = null, string path = "aus.csv", double motion = 0)
    {
        var intensity = FaceTrack.OpenFaceIntensityAus;
        var presence = intensityOnly ? Array.Empty<int>() : FaceTrack.OpenFacePresenceAus;
        var frames = new List<FaceFrame>();
        for (int i = 0; i < present.Count; i++)
        {
            var pose = Pose(motion * (i % 2));
            var set = present[i].ToHashSet();
            frames.Add(new FaceFrame(i + 1, 0, i / 30.0, 0.95, valid?.Invoke(i) ?? true, pose.X, pose.Y,
                intensity.Select(a => set.Contains(a) ? 2.5f : 0.2f).ToArray(),
                presence.Select(a => set.Contains(a) ? 1f : 0f).ToArray()));
        }
        return new FaceTrack(path, frames, intensity, presence);
    }
}
