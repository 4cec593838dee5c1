namespace SerKit.Face;

/// <summary>
/// The face track of one recording as OpenFace 2.x FeatureExtraction describes it: one
/// <see cref="FaceFrame"/> per video frame, the AUs whose intensity (<c>AUxx_r</c>) and presence
/// (<c>AUxx_c</c>) the file holds, and whether it holds the 68 2-D landmarks.
/// </summary>
public sealed class FaceTrack
{
    /// <summary>Landmarks per frame (iBUG-68 / Multi-PIE layout).</summary>
    public const int LandmarkCount = 68;

    /// <summary>The AUs whose intensity OpenFace 2.x estimates, in its column order.</summary>
    public static readonly IReadOnlyList<int> OpenFaceIntensityAus = new[] { 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45 };

    /// <summary>The AUs whose presence OpenFace 2.x estimates, in its column order (intensity AUs plus AU28).</summary>
    public static readonly IReadOnlyList<int> OpenFacePresenceAus = new[] { 1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 28, 45 };

    private readonly Dictionary<int, int> _intensityIndex;
    private readonly Dictionary<int, int> _presenceIndex;

    /// <summary>
    /// Builds a track. Every frame must carry 68 landmark coordinates per axis and one value per
    /// listed AU; AU lists must not repeat an AU.
    /// </summary>
    public FaceTrack(string path, IReadOnlyList<FaceFrame> frames, IReadOnlyList<int> intensityAus,
                     IReadOnlyList<int> presenceAus, bool hasLandmarks = true)
    {
        Path = path;
        Frames = frames;
        IntensityAus = intensityAus;
        PresenceAus = presenceAus;
        HasLandmarks = hasLandmarks;
        _intensityIndex = IndexOf(path, intensityAus, "intensity");
        _presenceIndex = IndexOf(path, presenceAus, "presence");
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            if (f.X.Length != LandmarkCount || f.Y.Length != LandmarkCount)
                throw new FaceTrackException(path, $"frame {f.Frame}: {f.X.Length}/{f.Y.Length} landmark coordinates, expected {LandmarkCount}");
            if (f.AuIntensity.Length != intensityAus.Count || f.AuPresence.Length != presenceAus.Count)
                throw new FaceTrackException(path, $"frame {f.Frame}: {f.AuIntensity.Length} AU intensities and {f.AuPresence.Length} presences, expected {intensityAus.Count} and {presenceAus.Count}");
        }
    }

    /// <summary>The file the track was read from or will be written to.</summary>
    public string Path { get; }

    /// <summary>The frames in file order.</summary>
    public IReadOnlyList<FaceFrame> Frames { get; }

    /// <summary>AU numbers of the intensity columns (<c>AUxx_r</c>), aligned with <see cref="FaceFrame.AuIntensity"/>.</summary>
    public IReadOnlyList<int> IntensityAus { get; }

    /// <summary>AU numbers of the presence columns (<c>AUxx_c</c>), aligned with <see cref="FaceFrame.AuPresence"/>.</summary>
    public IReadOnlyList<int> PresenceAus { get; }

    /// <summary>True when the track holds the 68 2-D landmarks (otherwise every X/Y value is NaN).</summary>
    public bool HasLandmarks { get; }

    /// <summary>Index of <paramref name="au"/> in <see cref="IntensityAus"/>, or -1 when the track lacks <c>AUxx_r</c>.</summary>
    public int IntensityIndex(int au) => _intensityIndex.TryGetValue(au, out var i) ? i : -1;

    /// <summary>Index of <paramref name="au"/> in <see cref="PresenceAus"/>, or -1 when the track lacks <c>AUxx_c</c>.</summary>
    public int PresenceIndex(int au) => _presenceIndex.TryGetValue(au, out var i) ? i : -1;

    /// <summary>Column name of an AU intensity as OpenFace writes it, e.g. <c>AU01_r</c>.</summary>
    public static string IntensityColumn(int au) => $"AU{au:D2}_r";

    /// <summary>Column name of an AU presence as OpenFace writes it, e.g. <c>AU01_c</c>.</summary>
    public static string PresenceColumn(int au) => $"AU{au:D2}_c";

    /// <summary>The columns of <paramref name="requirements"/> this track lacks (empty when it has them all).</summary>
    public IReadOnlyList<string> MissingColumns(FaceRequirements requirements)
    {
        var missing = new List<string>();
        if (requirements.Landmarks && !HasLandmarks) missing.Add("x_0..x_67, y_0..y_67");
        missing.AddRange(requirements.IntensityAus.Where(a => IntensityIndex(a) < 0).Distinct().Select(IntensityColumn));
        missing.AddRange(requirements.PresenceAus.Where(a => PresenceIndex(a) < 0).Distinct().Select(PresenceColumn));
        return missing;
    }

    /// <summary>Throws a <see cref="FaceTrackException"/> naming the file and every column of <paramref name="requirements"/> it lacks.</summary>
    public void Require(FaceRequirements requirements)
    {
        var missing = MissingColumns(requirements);
        if (missing.Count == 0) return;
        var has = new List<string>();
        if (HasLandmarks) has.Add("x_0..x_67, y_0..y_67");
        has.AddRange(IntensityAus.Select(IntensityColumn));
        has.AddRange(PresenceAus.Select(PresenceColumn));
        throw new FaceTrackException(Path,
            $"missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} " +
            $"(the file has {(has.Count == 0 ? "no landmark or AU columns" : string.Join(", ", has))})");
    }

    private static Dictionary<int, int> IndexOf(string path, IReadOnlyList<int> aus, string kind)
    {
        var index = new Dictionary<int, int>();
        for (int i = 0; i < aus.Count; i++)
            if (!index.TryAdd(aus[i], i))
                throw new FaceTrackException(path, $"AU{aus[i]:D2} appears twice among the {kind} columns");
        return index;
    }
}
