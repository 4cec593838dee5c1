namespace SerKit.Orofacial;

/// <summary>
/// The landmarks the orofacial model predicts (0-based iBUG-68 indices): the jaw line 0–16 and the mouth
/// 48–67, 37 points. A frame's target or prediction is a vector of <see cref="Outputs"/> values laid out as
/// OpenFace lays out its columns: the x of the 37 points in <see cref="Predicted"/> order, then their y.
/// </summary>
public static class OrofacialPoints
{
    /// <summary>The jaw line (0–16).</summary>
    public static readonly IReadOnlyList<int> Jaw = Enumerable.Range(0, 17).ToArray();

    /// <summary>The mouth: outer lips 48–59, inner lips 60–67.</summary>
    public static readonly IReadOnlyList<int> Mouth = Enumerable.Range(48, 20).ToArray();

    /// <summary>The predicted points in output order: jaw, then mouth.</summary>
    public static readonly IReadOnlyList<int> Predicted = Jaw.Concat(Mouth).ToArray();

    /// <summary>Predicted points (37).</summary>
    public const int Count = 37;

    /// <summary>Values per frame: x and y of each predicted point (74).</summary>
    public const int Outputs = 2 * Count;

    /// <summary>The upper inner lip (61–63) and the lower inner lip (65–67), whose vertical distance is the mouth opening.</summary>
    public static readonly IReadOnlyList<int> UpperInnerLip = [61, 62, 63], LowerInnerLip = [65, 66, 67];

    /// <summary>The OpenFace column name of output <paramref name="k"/> (<c>x_0</c> … <c>x_67</c>, <c>y_0</c> … <c>y_67</c>).</summary>
    public static string OutputName(int k) => k < Count ? $"x_{Predicted[k]}" : $"y_{Predicted[k - Count]}";

    /// <summary>Position of landmark <paramref name="point"/> in <see cref="Predicted"/>; -1 when it is not predicted.</summary>
    public static int IndexOf(int point) => point is >= 0 and <= 16 ? point : point is >= 48 and <= 67 ? point - 31 : -1;

    /// <summary>
    /// The mouth opening of one frame's <see cref="Outputs"/> values: mean y of the lower inner lip minus mean y of
    /// the upper inner lip (image y grows downwards, so an open mouth gives a positive value; in the units of the values).
    /// </summary>
    public static double MouthOpening(ReadOnlySpan<float> values)
    {
        if (values.Length < Outputs) throw new ArgumentException($"a frame has {Outputs} values (got {values.Length})");
        double lower = 0, upper = 0;
        foreach (var p in LowerInnerLip) lower += values[Count + IndexOf(p)];
        foreach (var p in UpperInnerLip) upper += values[Count + IndexOf(p)];
        return (lower - upper) / 3;
    }
}
