namespace SerKit.Face;

/// <summary>An axis-aligned face box in pixels (x = column, y = row, pixel centres at integer coordinates).</summary>
public readonly record struct FaceBox(float Left, float Top, float Width, float Height)
{
    /// <summary>Column of the box centre.</summary>
    public float CentreX => Left + Width / 2;

    /// <summary>Row of the box centre.</summary>
    public float CentreY => Top + Height / 2;

    /// <summary>Intersection over union with <paramref name="other"/> (0 when they do not overlap).</summary>
    public float Overlap(FaceBox other)
    {
        float w = Math.Min(Left + Width, other.Left + other.Width) - Math.Max(Left, other.Left);
        float h = Math.Min(Top + Height, other.Top + other.Height) - Math.Max(Top, other.Top);
        if (w <= 0 || h <= 0) return 0;
        float inter = w * h;
        return inter / (Width * Height + other.Width * other.Height - inter);
    }
}
