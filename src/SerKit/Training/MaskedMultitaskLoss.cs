using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// The pre-training objective: Σ_k w_k · CE_k, where CE_k is the mean cross-entropy of task k over the
/// utterances of the batch that have a label for it (target −1 = masked). A task without any label in
/// the batch contributes nothing — not even a graph node, so its head receives no gradient. A task with a soft-target
/// objective (<see cref="SerKit.Labels.PenalisedLoss"/>) contributes its loss over its target vectors instead of CE_k.
/// </summary>
public static class MaskedMultitaskLoss
{
    /// <summary>
    /// The weighted total (null when no task has a label in the batch) and each task's mean loss (null when unlabelled).
    /// <paramref name="logits"/>[k] is [B, C_k], <paramref name="targets"/>[k] is int64 [B].
    /// </summary>
    public static (Tensor? Total, double?[] PerTask) Compute(IReadOnlyList<Tensor?> logits, IReadOnlyList<Tensor> targets,
        IReadOnlyList<double> weights, IReadOnlyList<int> labelled) => Compute(logits, targets, weights, labelled, null, null);

    /// <summary>
    /// As above; task k with <paramref name="objectives"/>[k] is trained on <paramref name="softTargets"/>[k] [B, C_k]
    /// (rows of zeros masked) with that loss.
    /// </summary>
    public static (Tensor? Total, double?[] PerTask) Compute(IReadOnlyList<Tensor?> logits, IReadOnlyList<Tensor> targets,
        IReadOnlyList<double> weights, IReadOnlyList<int> labelled, IReadOnlyList<SerKit.Labels.PenalisedLoss?>? objectives,
        IReadOnlyList<Tensor?>? softTargets)
    {
        Tensor? total = null;
        var perTask = new double?[logits.Count];
        for (int k = 0; k < logits.Count; k++)
        {
            if (labelled[k] == 0 || logits[k] is null || weights[k] == 0) continue;
            var ce = objectives?[k] is { } objective
                ? objective.Compute(logits[k]!, softTargets?[k] ?? throw new ArgumentException($"task {k} has an objective but no target vectors"))
                : nn.functional.cross_entropy(logits[k]!, targets[k], ignore_index: -1, reduction: nn.Reduction.Mean);
            perTask[k] = ce.item<float>();
            var weighted = weights[k] == 1.0 ? ce : ce.mul(weights[k]);
            total = total is null ? weighted : total.add(weighted);
        }
        return (total, perTask);
    }
}
