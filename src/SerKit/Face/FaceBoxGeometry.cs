namespace SerKit.Face;

/// <summary>Centre, overlap and landmark bounds of <see cref="FaceBox"/>es, as the tracker uses them.</summary>
public static class FaceBoxGeometry
{
    /// <summary>Column of the box centre.</summary>
    public static float CentreX(this FaceBox box) => box.Left + box.Width / 2;

    /// <summary>Row of the box centre.</summary>
    public static float CentreY(this FaceBox box) => box.Top + box.Height / 2;

    /// <summary>Intersection over union of two boxes (0 when they do not overlap).</summary>
    public static float Overlap(this FaceBox a, FaceBox b)
    {
        float w = Math.Min(a.Left + a.Width, b.Left + b.Width) - Math.Max(a.Left, b.Left);
        float h = Math.Min(a.Top + a.Height, b.Top + b.Height) - Math.Max(a.Top, b.Top);
        if (w <= 0 || h <= 0) return 0;
        float inter = w * h;
        return inter / (a.Width * a.Height + b.Width * b.Height - inter);
    }

    /// <summary>The smallest box holding every point (x[i], y[i]); NaN fields when a point is not finite.</summary>
    public static FaceBox Bounds(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        float minX = float.PositiveInfinity, minY = float.PositiveInfinity, maxX = float.NegativeInfinity, maxY = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]) || !float.IsFinite(y[i])) return new FaceBox(float.NaN, float.NaN, float.NaN, float.NaN);
            minX = Math.Min(minX, x[i]);
            maxX = Math.Max(maxX, x[i]);
            minY = Math.Min(minY, y[i]);
            maxY = Math.Max(maxY, y[i]);
        }
        return new FaceBox(minX, minY, maxX - minX, maxY - minY);
    }
}
