using TorchSharp;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Sets the scores of masked-out positions to −∞ before a softmax. The −∞ value is one
/// process-wide libtorch Scalar: a Scalar made implicitly per call is a native object that
/// only the garbage collector frees, and under parallel training one was seen freed while
/// libtorch still read it (a "toFloat" check failure in masked_fill); a rooted Scalar cannot be.
/// </summary>
internal static class MaskedScores
{
    private static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary><paramref name="scores"/> with −∞ wherever <paramref name="keep"/> is false (broadcast).</summary>
    public static Tensor Fill(Tensor scores, Tensor keep)
    {
        using var drop = keep.logical_not();
        return scores.masked_fill(drop, NegativeInfinity);
    }
}
