using SerKit.Face;

namespace SerKit.Orofacial;

/// <summary>
/// Normalised 68-point landmarks of one utterance at the feature frame rate: <see cref="Points"/> holds
/// <see cref="Frames"/> rows of 136 values (x_0 … x_67, y_0 … y_67, T2-normalised: origin at the mean of the eye
/// corners and nose tip, unit the outer-eye-corner distance); <see cref="Valid"/> says which rows have a value
/// (the others are zero and must be masked).
/// </summary>
public sealed record LandmarkTrajectory(int Frames, float[] Points, bool[] Valid)
{
    /// <summary>Values per row (136).</summary>
    public const int Width = 2 * FaceTrack.LandmarkCount;

    /// <summary>Rows with a value.</summary>
    public int ValidFrames => Valid.Count(v => v);

    /// <summary>Row <paramref name="frame"/>.</summary>
    public ReadOnlySpan<float> Row(int frame) => Points.AsSpan(frame * Width, Width);
}
