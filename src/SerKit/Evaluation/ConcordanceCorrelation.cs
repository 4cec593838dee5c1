namespace SerKit.Evaluation;

/// <summary>
/// Lin's concordance correlation coefficient (CCC) for emotional attributes (arousal,
/// valence, dominance): CCC = 2 s_xy / (s_x² + s_y² + (μ_x − μ_y)²), with population
/// (1/n) variances and covariance as in the MSP-Podcast and AVEC evaluations. It is 1 for
/// identical sequences, 0 for no agreement and −1 for perfect inverse agreement.
/// </summary>
public static class ConcordanceCorrelation
{
    /// <summary>
    /// CCC between <paramref name="truth"/> and <paramref name="predicted"/>. Two equal constant
    /// sequences (the only case with a zero denominator) give 1.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a non-finite value.</exception>
    public static double Compute(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} truth values but {predicted.Count} predictions", nameof(predicted));
        int n = truth.Count;
        if (n == 0) throw new ArgumentException("no samples to evaluate", nameof(truth));
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(truth[i]) || !double.IsFinite(predicted[i]))
                throw new ArgumentException($"sample {i} holds a non-finite value ({truth[i]}, {predicted[i]})", nameof(truth));
            mx += truth[i];
            my += predicted[i];
        }
        mx /= n;
        my /= n;
        double vx = 0, vy = 0, cxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = truth[i] - mx, dy = predicted[i] - my;
            vx += dx * dx;
            vy += dy * dy;
            cxy += dx * dy;
        }
        vx /= n;
        vy /= n;
        cxy /= n;
        double denominator = vx + vy + (mx - my) * (mx - my);
        return denominator == 0 ? 1 : 2 * cxy / denominator;
    }
}
