namespace SerKit.Tests.Face;

/// <summary>
/// The full header of an OpenFace 2.2 FeatureExtraction CSV (all outputs on), in the order its
/// RecorderCSV writes it and the OpenFace wiki ("Output Format") documents it.
/// </summary>
internal static class OpenFaceHeader
{
    public static readonly int[] IntensityAus = { 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45 };
    public static readonly int[] PresenceAus = { 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 28, 45 };

    public static List<string> Full(bool landmarks = true, IEnumerable<int>? intensity = null, IEnumerable<int>? presence = null)
    {
        var h = new List<string> { "frame", "face_id", "timestamp", "confidence", "success",
            "gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x", "gaze_angle_y" };
        foreach (var axis in new[] { "x", "y", "X", "Y", "Z" })
            for (int i = 0; i < 56; i++) h.Add($"eye_lmk_{axis}_{i}");
        h.AddRange(new[] { "pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz" });
        if (landmarks)
            foreach (var axis in new[] { "x", "y" })
                for (int i = 0; i < 68; i++) h.Add($"{axis}_{i}");
        foreach (var axis in new[] { "X", "Y", "Z" })
            for (int i = 0; i < 68; i++) h.Add($"{axis}_{i}");
        h.AddRange(new[] { "p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty" });
        for (int i = 0; i < 34; i++) h.Add($"p_{i}");
        foreach (var au in intensity ?? IntensityAus) h.Add($"AU{au:D2}_r");
        foreach (var au in presence ?? PresenceAus) h.Add($"AU{au:D2}_c");
        return h;
    }
}
