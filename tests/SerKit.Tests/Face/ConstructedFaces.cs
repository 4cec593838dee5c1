using SerKit.Synthetic;

namespace SerKit.Tests.Face;

/// <summary>
/// Landmark frames built from the synthetic face template (iBUG-68) and the generator's FACS
/// displacement fields (<c>ActionUnitGeometry</c>): a neutral face, one or more AUs at given
/// intensities, then a head pose (scale, in-plane rotation, translation) in pixels.
/// </summary>
internal static class ConstructedFaces
{
    /// <summary>Pixels per face unit of the default face (outer eye corners ~0.96 units apart).</summary>
    public const double Scale = 100;

    /// <summary>The template face of the given seed's person (<c>SyntheticFace</c>), or the plain template for seed null, in face units.</summary>
    public static (double[] X, double[] Y) Neutral(int? person = null)
    {
        if (person is not { } seed) return (FaceTemplate.X.ToArray(), FaceTemplate.Y.ToArray());
        var f = SyntheticFace.Create(seed);
        return (f.NeutralX.Select(v => v / f.Scale).ToArray(), f.NeutralY.Select(v => v / f.Scale).ToArray());
    }

    /// <summary>
    /// One frame: <paramref name="neutral"/> moved by each AU's field times its intensity, then scaled
    /// by <paramref name="scale"/> px per unit, rotated by <paramref name="roll"/> radians about the
    /// origin and moved by (<paramref name="dx"/>, <paramref name="dy"/>).
    /// </summary>
    public static (float[] X, float[] Y) Frame((double[] X, double[] Y) neutral, IEnumerable<(int Au, double Intensity)> aus,
                                               double scale = Scale, double roll = 0, double dx = 320, double dy = 240)
    {
        var px = neutral.X.ToArray();
        var py = neutral.Y.ToArray();
        foreach (var (au, intensity) in aus)
        {
            var field = ActionUnitGeometry.Of(au) ?? throw new ArgumentException($"AU{au} moves no landmark");
            for (int i = 0; i < px.Length; i++)
            {
                px[i] += intensity * field.Dx[i];
                py[i] += intensity * field.Dy[i];
            }
        }
        var x = new float[px.Length];
        var y = new float[py.Length];
        double c = Math.Cos(roll), s = Math.Sin(roll);
        for (int i = 0; i < px.Length; i++)
        {
            x[i] = (float)(dx + scale * (c * px[i] - s * py[i]));
            y[i] = (float)(dy + scale * (s * px[i] + c * py[i]));
        }
        return (x, y);
    }
}
