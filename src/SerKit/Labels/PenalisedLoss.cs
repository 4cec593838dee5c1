using static TorchSharp.torch;

namespace SerKit.Labels;

/// <summary>
/// Soft-target cross-entropy with the co-occurrence penalty, for hard, multi-label and distribution targets alike.
/// For logits z (softmax p) and a target row t (normalised to t̃ = t / Σt):
/// <code>
///   plain      = −Σ_k t̃_k · log p_k
///   penalty    = Σ_j w_j · p_j,   w_j = [t_j = 0] · Σ_i t̃_i · P[i, j]
///   loss       = (1 − α)·plain + α·(plain + penalty) = plain + α·penalty
/// </code>
/// averaged over the rows with Σt &gt; 0 (a row of zeros is masked). For a one-hot target y the penalty is
/// Σ_j P[y, j]·p_j, the expected penalty of the prediction; classes some rater chose (t_j &gt; 0) are never
/// penalised. All tensors are created in the caller's dispose scope.
/// </summary>
public sealed class PenalisedLoss
{
    private readonly float[]? _penalty;
    private readonly int _classes;

    /// <summary>A loss over <paramref name="classes"/> classes; <paramref name="penalty"/> null (then <paramref name="alpha"/> must be 0) gives the plain soft-target cross-entropy.</summary>
    public PenalisedLoss(int classes, PenaltyMatrix? penalty, double alpha)
    {
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"the mixing weight α must be in [0, 1] (got {alpha})");
        if (penalty is null && alpha != 0) throw new ArgumentException("a mixing weight α > 0 needs a penalty matrix");
        if (penalty != null && penalty.Classes.Count != classes)
            throw new ArgumentException($"the penalty matrix has {penalty.Classes.Count} classes, the task {classes}");
        _classes = classes;
        _penalty = penalty?.Values.SelectMany(r => r.Select(v => (float)v)).ToArray();
        Alpha = alpha;
    }

    /// <summary>The mixing weight α.</summary>
    public double Alpha { get; }

    /// <summary>The mean loss over the rows of <paramref name="targets"/> [B, K] with a positive sum; <paramref name="logits"/> is [B, K].</summary>
    public Tensor Compute(Tensor logits, Tensor targets)
    {
        CheckShapes(logits, targets);
        var mask = targets.sum(1).gt(0).to_type(logits.dtype);
        var rows = CrossEntropy(logits, targets);
        if (_penalty != null && Alpha > 0) rows = rows.add(ExpectedPenalty(logits, targets, tensor(_penalty, new long[] { _classes, _classes })).mul(Alpha));
        return rows.mul(mask).sum().div(mask.sum().clamp_min(1));
    }

    /// <summary>Per row [B]: −Σ_k t̃_k log p_k with t̃ the row normalised to sum 1 (0 for a row of zeros).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets) =>
        Normalised(targets).mul(logits.log_softmax(1)).sum(1).neg();

    /// <summary>Per row [B]: Σ_j w_j p_j with w_j = [t_j = 0]·Σ_i t̃_i P[i, j]; <paramref name="penalty"/> is [K, K], row = target.</summary>
    public static Tensor ExpectedPenalty(Tensor logits, Tensor targets, Tensor penalty)
    {
        var weights = Normalised(targets).matmul(penalty.to_type(logits.dtype)).mul(targets.le(0).to_type(logits.dtype));
        return weights.mul(logits.softmax(1)).sum(1);
    }

    private static Tensor Normalised(Tensor targets) => targets.div(targets.sum(1, keepdim: true).clamp_min(1e-12));

    private void CheckShapes(Tensor logits, Tensor targets)
    {
        if (logits.dim() != 2 || logits.shape[1] != _classes) throw new ArgumentException($"logits must be [B, {_classes}], got [{string.Join(", ", logits.shape)}]");
        if (!targets.shape.SequenceEqual(logits.shape)) throw new ArgumentException($"targets [{string.Join(", ", targets.shape)}] do not match logits [{string.Join(", ", logits.shape)}]");
    }
}
