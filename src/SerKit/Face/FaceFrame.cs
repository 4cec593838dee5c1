namespace SerKit.Face;

/// <summary>
/// One row of an OpenFace 2.x FeatureExtraction CSV: a video frame with its 68 2-D landmarks
/// (pixels, iBUG-68 order) and action units. <see cref="X"/> and <see cref="Y"/> hold 68
/// values each (NaN where the file has no value); <see cref="AuIntensity"/> and
/// <see cref="AuPresence"/> are aligned with <see cref="FaceTrack.IntensityAus"/> and
/// <see cref="FaceTrack.PresenceAus"/>. A frame whose <c>success</c> cell is 0 (or not a
/// number) has <see cref="Success"/> false: the tracker lost the face and its numbers are not evidence.
/// </summary>
public sealed record FaceFrame(int Frame, int FaceId, double Timestamp, double Confidence, bool Success,
                               float[] X, float[] Y,
                               float[] AuIntensity,
                               float[] AuPresence)
{
    /// <summary>
    /// True when the tracker succeeded, the confidence is at least <paramref name="minConfidence"/>
    /// and all 68 landmarks are finite numbers.
    /// </summary>
    public bool HasValidLandmarks(double minConfidence = 0.8)
    {
        if (!Success || !(Confidence >= minConfidence)) return false;
        if (X.Length != FaceTrack.LandmarkCount || Y.Length != FaceTrack.LandmarkCount) return false;
        for (int i = 0; i < X.Length; i++)
            if (!float.IsFinite(X[i]) || !float.IsFinite(Y[i])) return false;
        return true;
    }
}
