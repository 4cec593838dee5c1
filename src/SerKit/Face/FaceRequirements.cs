namespace SerKit.Face;

/// <summary>
/// The columns a consumer of a face track needs (e.g. T2 needs the landmarks, T3 the AUs of
/// its rule table). <see cref="FaceTrack.Require"/> and <see cref="OpenFaceCsv.Read(string, FaceRequirements?)"/>
/// throw a <see cref="FaceTrackException"/> naming every missing column.
/// </summary>
public sealed record FaceRequirements
{
    /// <summary>The 68 2-D landmarks <c>x_0..x_67</c>, <c>y_0..y_67</c>.</summary>
    public bool Landmarks { get; init; }

    /// <summary>AU numbers whose intensity column <c>AUxx_r</c> must exist.</summary>
    public IReadOnlyList<int> IntensityAus { get; init; } = Array.Empty<int>();

    /// <summary>AU numbers whose presence column <c>AUxx_c</c> must exist.</summary>
    public IReadOnlyList<int> PresenceAus { get; init; } = Array.Empty<int>();
}
