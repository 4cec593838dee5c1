using SerKit.Face;

namespace SerKit.Pretext;

/// <summary>
/// The frames T2 and T3 look at: those of one face, in frame order. A single-face track (the
/// usual OpenFace FeatureExtraction output) is used whole; when a track holds several
/// <c>face_id</c>s, the face with the most frames that have <c>success == 1</c> and enough
/// confidence is used (ties: the smallest id), and the share of valid frames is taken over
/// that face's rows.
/// </summary>
public static class PrimaryFace
{
    /// <summary>The rows of the primary face, sorted by frame number (stable).</summary>
    public static IReadOnlyList<FaceFrame> Frames(FaceTrack track, double minConfidence)
    {
        var frames = track.Frames;
        if (frames.Count == 0) return frames;
        int first = frames[0].FaceId;
        bool single = true;
        foreach (var f in frames) if (f.FaceId != first) { single = false; break; }
        int face = first;
        if (!single)
        {
            face = frames.GroupBy(f => f.FaceId)
                .Select(g => (Id: g.Key, Valid: g.Count(f => IsTracked(f, minConfidence))))
                .OrderByDescending(g => g.Valid).ThenBy(g => g.Id).First().Id;
        }
        bool sorted = true;
        for (int i = 1; i < frames.Count && sorted; i++) sorted = frames[i].Frame >= frames[i - 1].Frame;
        if (single && sorted) return frames;
        return frames.Where(f => f.FaceId == face).OrderBy(f => f.Frame).ToArray();
    }

    /// <summary>True when the tracker succeeded on the frame with at least <paramref name="minConfidence"/>.</summary>
    public static bool IsTracked(FaceFrame frame, double minConfidence) => frame.Success && frame.Confidence >= minConfidence;
}
