namespace SerKit.Face;

/// <summary>
/// A face box in pixels (x = column, y = row, pixel centres at integer coordinates). A box of
/// width <c>w</c> starting at <c>Left</c> covers the pixel columns <c>Left … Left + w − 1</c>,
/// like dlib's <c>rectangle(left, top, left + w − 1, top + h − 1)</c> and OpenCV's <c>Rect</c>.
/// </summary>
public readonly record struct FaceBox(float Left, float Top, float Width, float Height)
{
    /// <summary>Column of the last pixel inside the box (<c>Left + Width − 1</c>, dlib's <c>right()</c>).</summary>
    public float Right => Left + Width - 1;

    /// <summary>Row of the last pixel inside the box (<c>Top + Height − 1</c>, dlib's <c>bottom()</c>).</summary>
    public float Bottom => Top + Height - 1;
}
