namespace SerKit.Synthetic;

/// <summary>
/// The facial expression of each CREMA-D class as action units with their apex intensity
/// (0–5 scale) at full strength, after the EMFACS prototypes restricted to the AUs OpenFace
/// estimates: happiness AU6+AU12; sadness AU1+AU4+AU15 (+AU17); anger AU4+AU5+AU7+AU23;
/// fear AU1+AU2+AU4+AU5+AU7+AU20+AU26; disgust AU9+AU15 with AU10; neutral none.
/// </summary>
public static class ActionUnitPrototypes
{
    private static readonly Dictionary<string, (int Au, double Intensity)[]> Table = new(StringComparer.Ordinal)
    {
        ["HAP"] = new[] { (6, 2.6), (12, 3.2), (25, 0.8), (7, 0.6) },
        ["SAD"] = new[] { (1, 2.3), (4, 2.0), (15, 2.3), (17, 1.2) },
        ["ANG"] = new[] { (4, 2.9), (5, 2.0), (7, 2.6), (23, 2.4), (17, 0.8) },
        ["FEA"] = new[] { (1, 2.5), (2, 2.2), (4, 2.0), (5, 2.6), (7, 1.8), (20, 2.4), (26, 2.0) },
        ["DIS"] = new[] { (9, 2.6), (15, 2.0), (10, 2.0), (4, 0.9), (17, 0.7) },
        ["NEU"] = Array.Empty<(int, double)>(),
    };

    /// <summary>The AUs of <paramref name="emotion"/>'s expression with their full-strength apex intensity.</summary>
    public static IReadOnlyList<(int Au, double Intensity)> For(string emotion) =>
        Table.TryGetValue(emotion, out var aus) ? aus
            : throw new ArgumentException($"unknown emotion '{emotion}' (expected one of {string.Join(", ", EmotionProsody.Classes)})", nameof(emotion));
}
