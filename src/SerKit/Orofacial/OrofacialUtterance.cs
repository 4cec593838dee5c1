namespace SerKit.Orofacial;

/// <summary>
/// One utterance of an orofacial data set: its id, speaker and manifest label, the number of feature frames, and its
/// landmarks at the feature rate measured from the <see cref="TargetReference"/> (<see cref="Shapes"/>: 136 values per frame,
/// all 68 points, T2-normalised, minus the speaker's mean shape when the reference is <see cref="TargetReference.Speaker"/>),
/// with <see cref="Valid"/> marking the frames that have landmarks. <see cref="Targets"/> picks the predicted points.
/// </summary>
public sealed record OrofacialUtterance(string Id, string? Speaker, string? Label, int Frames, float[] Shapes, bool[] Valid)
{
    /// <summary>Frames with landmarks.</summary>
    public int ValidFrames => Valid.Count(v => v);

    /// <summary>The <see cref="OrofacialPoints.Outputs"/> target values of frame <paramref name="frame"/> (x of the 37 points, then y).</summary>
    public void Targets(int frame, Span<float> destination)
    {
        var row = Shapes.AsSpan(frame * LandmarkTrajectory.Width, LandmarkTrajectory.Width);
        for (int k = 0; k < OrofacialPoints.Count; k++)
        {
            int p = OrofacialPoints.Predicted[k];
            destination[k] = row[p];
            destination[OrofacialPoints.Count + k] = row[Face.FaceTrack.LandmarkCount + p];
        }
    }

    /// <summary>The 40 values of the mouth shape of frame <paramref name="frame"/> (x of 48–67, then y of 48–67).</summary>
    public void MouthShape(int frame, Span<float> destination)
    {
        var row = Shapes.AsSpan(frame * LandmarkTrajectory.Width, LandmarkTrajectory.Width);
        for (int i = 0; i < 20; i++)
        {
            destination[i] = row[48 + i];
            destination[20 + i] = row[Face.FaceTrack.LandmarkCount + 48 + i];
        }
    }
}
