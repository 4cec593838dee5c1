namespace SerKit.Face;

/// <summary>A face box in pixels (x = column, y = row, pixel centres at integer coordinates).</summary>
public readonly record struct FaceBox(float Left, float Top, float Width, float Height);
