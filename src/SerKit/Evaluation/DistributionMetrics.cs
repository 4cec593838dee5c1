namespace SerKit.Evaluation;

/// <summary>
/// How close predicted class posteriors are to the raters' vote shares, averaged over utterances: the Jensen–Shannon
/// divergence (base 2, in [0, 1]), the cross-entropy −Σ t·ln p (nats; posteriors floored at 1e-12) and, for reference, the
/// entropy of the vote shares −Σ t·ln t (the smallest cross-entropy any prediction can reach).
/// </summary>
public sealed record DistributionMetrics(int Num, double MeanJsDivergence, double MeanCrossEntropy, double MeanVoteEntropy)
{
    /// <summary>The floor of predicted probabilities in the cross-entropy.</summary>
    public const double Floor = 1e-12;

    /// <summary>Metrics of <paramref name="posteriors"/> against <paramref name="shares"/> (each row sums to 1).</summary>
    /// <exception cref="ArgumentException">No utterances, mismatched lengths, or a row that is not a distribution.</exception>
    public static DistributionMetrics Compute(IReadOnlyList<double[]> shares, IReadOnlyList<float[]> posteriors)
    {
        if (shares.Count == 0) throw new ArgumentException("no utterances to evaluate", nameof(shares));
        if (shares.Count != posteriors.Count) throw new ArgumentException($"{shares.Count} vote distributions but {posteriors.Count} posteriors");
        double js = 0, ce = 0, h = 0;
        for (int n = 0; n < shares.Count; n++)
        {
            var t = shares[n];
            var p = posteriors[n].Select(v => (double)v).ToArray();
            if (t.Length != p.Length) throw new ArgumentException($"utterance {n}: {t.Length} shares but {p.Length} posteriors");
            if (t.Any(v => !double.IsFinite(v) || v < 0) || Math.Abs(t.Sum() - 1) > 1e-6) throw new ArgumentException($"utterance {n}: vote shares do not form a distribution");
            if (p.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentException($"utterance {n}: posteriors must be finite and non-negative");
            double sum = p.Sum();
            if (sum <= 0) throw new ArgumentException($"utterance {n}: posteriors sum to 0");
            for (int c = 0; c < p.Length; c++) p[c] /= sum;
            js += JsDivergence(t, p);
            for (int c = 0; c < t.Length; c++)
            {
                if (t[c] == 0) continue;
                ce -= t[c] * Math.Log(Math.Max(p[c], Floor));
                h -= t[c] * Math.Log(t[c]);
            }
        }
        return new DistributionMetrics(shares.Count, js / shares.Count, ce / shares.Count, h / shares.Count);
    }

    /// <summary>JS(a, b) = ½ KL(a‖m) + ½ KL(b‖m), m = (a + b)/2, in bits.</summary>
    public static double JsDivergence(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double d = 0;
        for (int c = 0; c < a.Count; c++)
        {
            double m = 0.5 * (a[c] + b[c]);
            if (a[c] > 0) d += 0.5 * a[c] * Math.Log2(a[c] / m);
            if (b[c] > 0) d += 0.5 * b[c] * Math.Log2(b[c] / m);
        }
        return Math.Clamp(d, 0, 1);
    }
}
