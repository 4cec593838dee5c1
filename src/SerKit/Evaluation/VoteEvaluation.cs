namespace SerKit.Evaluation;

/// <summary>
/// The multi-label and distribution evaluation of class posteriors against the raters' votes, written into
/// <c>results.json</c> under <c>multi_label</c> and <c>distribution</c>. Decision rule: class k is predicted for an utterance
/// when its posterior is at least 1/K (K classes), so the top class is always predicted. Reference set: every class at least
/// one rater chose. Distribution reference: the vote shares.
/// </summary>
public sealed record VoteEvaluation(MultiLabelMetrics MultiLabel, DistributionMetrics Distribution)
{
    /// <summary>The decision rule in words (written to results.json).</summary>
    public const string DecisionRule = "a class is predicted when its posterior is >= 1/K (K = number of classes); the top class always is";

    /// <summary>The reference set in words (written to results.json).</summary>
    public const string ReferenceRule = "a class is true when at least one rater chose it";

    /// <summary>The predicted set of <paramref name="posteriors"/> under <see cref="DecisionRule"/>.</summary>
    public static bool[] Predicted(IReadOnlyList<float> posteriors)
    {
        int k = posteriors.Count;
        int top = 0;
        for (int c = 1; c < k; c++) if (posteriors[c] > posteriors[top]) top = c;
        return Enumerable.Range(0, k).Select(c => c == top || posteriors[c] >= 1.0 / k).ToArray();
    }

    /// <summary>Evaluates <paramref name="posteriors"/> [utterance][class] against <paramref name="votes"/> [utterance][class] (counts, each row with at least one vote).</summary>
    public static VoteEvaluation Compute(IReadOnlyList<float[]> posteriors, IReadOnlyList<double[]> votes, IReadOnlyList<string> classes)
    {
        if (votes.Any(v => v.Sum() <= 0)) throw new ArgumentException("every evaluated utterance needs at least one vote");
        var truth = votes.Select(v => v.Select(c => c > 0).ToArray()).ToArray();
        var predicted = posteriors.Select(p => Predicted(p)).ToArray();
        var shares = votes.Select(v => { double s = v.Sum(); return v.Select(c => c / s).ToArray(); }).ToArray();
        return new VoteEvaluation(MultiLabelMetrics.Compute(truth, predicted, classes), DistributionMetrics.Compute(shares, posteriors));
    }
}
