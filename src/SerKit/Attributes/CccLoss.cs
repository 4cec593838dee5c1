using static TorchSharp.torch;

namespace SerKit.Attributes;

/// <summary>
/// The concordance-correlation loss of attribute regression: for predictions and targets [B, A] (one column per attribute),
/// CCC_a = 2 s_xy / (s_x² + s_y² + (μ_x − μ_y)² + ε) over the batch with population (1/B) moments, exactly as
/// <see cref="SerKit.Evaluation.ConcordanceCorrelation"/>, and loss = mean over attributes of (1 − CCC_a). ε =
/// <see cref="Epsilon"/> keeps the value and its gradient finite when both columns are constant (then CCC = 0, where the metric
/// defines two equal constants as 1); otherwise it changes the value by a relative 1e-8 at most for unit-variance targets.
/// </summary>
public static class CccLoss
{
    /// <summary>Added to the denominator.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>The loss (a scalar with gradient) and the CCC of each attribute [A] for <paramref name="predicted"/> and <paramref name="target"/> [B, A].</summary>
    /// <exception cref="ArgumentException">The shapes differ, are not two-dimensional, or the batch is empty.</exception>
    public static (Tensor Loss, Tensor Ccc) Compute(Tensor predicted, Tensor target)
    {
        if (predicted.dim() != 2 || !predicted.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"predictions [{string.Join(", ", predicted.shape)}] and targets [{string.Join(", ", target.shape)}] must both be [batch, attributes]");
        if (predicted.shape[0] == 0) throw new ArgumentException("an empty batch has no CCC");
        long[] batch = [0];
        var mp = predicted.mean(batch);
        var mt = target.mean(batch);
        var dp = predicted - mp;
        var dt = target - mt;
        var vp = dp.square().mean(batch);
        var vt = dt.square().mean(batch);
        var cov = (dp * dt).mean(batch);
        var ccc = cov.mul(2).div(vp + vt + (mp - mt).square() + Epsilon);
        return (ccc.neg().add(1).mean(), ccc);
    }
}
