using SerKit.Corpus;

namespace SerKit.Evaluation;

/// <summary>
/// Two-sided paired significance tests between a condition and the baseline evaluated on
/// the same folds and seeds (pair i of <c>a</c> and <c>b</c> must come from the same fold and seed).
/// </summary>
/// <remarks>
/// With few pairs the non-parametric tests cannot reach small p-values: with 5 pairs the
/// smallest two-sided p of Wilcoxon and of the sign-flip test is 2/2^5 = 0.0625. The t-test
/// has no such floor but assumes roughly normal differences.
/// </remarks>
public static class PairedTests
{
    /// <summary>Largest number of non-zero differences for which Wilcoxon's p-value is exact.</summary>
    public const int WilcoxonExactLimit = 25;

    /// <summary>Largest number of pairs for which the sign-flip test enumerates all 2^n sign patterns.</summary>
    public const int PermutationExactLimit = 20;

    /// <summary>Number of random sign patterns of the sign-flip test beyond <see cref="PermutationExactLimit"/>.</summary>
    public const int PermutationResamples = 100_000;

    /// <summary>
    /// Paired Student t-test: t = mean(d) / (sd(d) / √n) with d = a − b, sd with n − 1 in the
    /// denominator, n − 1 degrees of freedom, p = P(|T| ≥ |t|). When every difference is 0 the
    /// result is t = 0, p = 1 (scipy returns NaN); when all differences are equal and non-zero,
    /// t = ±∞, p = 0.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two pairs, lists of different length, or a non-finite value.</exception>
    public static PairedTestResult TTest(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = Differences(a, b, minimum: 2);
        int n = d.Length;
        double mean = d.Average();
        double ss = 0;
        foreach (var x in d) ss += (x - mean) * (x - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        double t, p;
        if (sd == 0)
        {
            t = mean == 0 ? 0 : (mean > 0 ? double.PositiveInfinity : double.NegativeInfinity);
            p = mean == 0 ? 1 : 0;
        }
        else
        {
            t = mean / (sd / Math.Sqrt(n));
            p = SpecialFunctions.StudentTTwoSided(t, n - 1);
        }
        return new PairedTestResult("paired t-test", n, mean, t, p, $"Student t, {n - 1} degrees of freedom");
    }

    /// <summary>
    /// Wilcoxon signed-rank test on d = a − b. Zero differences are dropped (Wilcoxon's
    /// convention, scipy's default); tied |d| get their average rank (|d| within a relative
    /// 1e-12 count as tied). The statistic is W+, the rank sum of the positive differences.
    /// Up to <see cref="WilcoxonExactLimit"/> non-zero differences the p-value is exact, from
    /// the distribution of W+ over all 2^n sign patterns of the observed ranks (conditional on
    /// the ties); beyond, the normal approximation with the tie-corrected variance and no
    /// continuity correction (as scipy's default). p = min(1, 2 · min(P(W+ ≤ w), P(W+ ≥ w))).
    /// When every difference is 0 the result is p = 1.
    /// </summary>
    /// <exception cref="ArgumentException">No pairs, lists of different length, or a non-finite value.</exception>
    public static PairedTestResult Wilcoxon(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var all = Differences(a, b, minimum: 1);
        double meanDifference = all.Average();
        var d = all.Where(x => x != 0).ToArray();
        int n = d.Length;
        if (n == 0)
            return new PairedTestResult("Wilcoxon signed-rank", 0, meanDifference, 0, 1, "all differences are zero");

        var ranks = AverageRanks(d.Select(Math.Abs).ToArray(), out var tieSizes);
        double wPlus = 0;
        for (int i = 0; i < n; i++) if (d[i] > 0) wPlus += ranks[i];

        if (n <= WilcoxonExactLimit)
        {
            // Doubled ranks are integers (average ranks are multiples of 1/2).
            var doubled = ranks.Select(r => (int)Math.Round(2 * r)).ToArray();
            int total = doubled.Sum();
            var counts = new double[total + 1];
            counts[0] = 1;
            int reach = 0;
            foreach (var r in doubled)
            {
                for (int s = reach; s >= 0; s--)
                    if (counts[s] != 0) counts[s + r] += counts[s];
                reach += r;
            }
            int observed = (int)Math.Round(2 * wPlus);
            double all2n = Math.Pow(2, n), lower = 0, upper = 0;
            for (int s = 0; s <= total; s++)
            {
                if (s <= observed) lower += counts[s];
                if (s >= observed) upper += counts[s];
            }
            double p = Math.Min(1, 2 * Math.Min(lower, upper) / all2n);
            return new PairedTestResult("Wilcoxon signed-rank", n, meanDifference, wPlus, p,
                tieSizes.Any(t => t > 1) ? "exact (all 2^n sign patterns of the tied ranks)" : "exact");
        }

        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0;
        foreach (var t in tieSizes) variance -= (t * (double)t * t - t) / 48.0;
        double z = variance > 0 ? (wPlus - mean) / Math.Sqrt(variance) : 0;
        double pNormal = Math.Min(1, 2 * SpecialFunctions.NormalUpperTail(Math.Abs(z)));
        return new PairedTestResult("Wilcoxon signed-rank", n, meanDifference, wPlus, pNormal,
            $"normal approximation (z = {z.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}, tie-corrected, no continuity correction)");
    }

    /// <summary>
    /// Paired permutation (sign-flip) test on the mean difference d̄ = mean(a − b): under the
    /// null hypothesis each difference is as likely positive as negative. p is the share of sign
    /// patterns whose |mean| reaches the observed |d̄| (within a relative 1e-9). Up to
    /// <see cref="PermutationExactLimit"/> pairs every one of the 2^n patterns is enumerated;
    /// beyond, <see cref="PermutationResamples"/> random patterns drawn with SplitMix64(<paramref name="seed"/>)
    /// give p = (count + 1) / (resamples + 1).
    /// </summary>
    /// <exception cref="ArgumentException">No pairs, lists of different length, or a non-finite value.</exception>
    public static PairedTestResult SignFlip(IReadOnlyList<double> a, IReadOnlyList<double> b, ulong seed = 0)
    {
        var d = Differences(a, b, minimum: 1);
        int n = d.Length;
        double sum = d.Sum();
        double observed = Math.Abs(sum);
        double threshold = observed - 1e-9 * Math.Max(observed, d.Sum(Math.Abs));
        if (n <= PermutationExactLimit)
        {
            // Walk all sign patterns in Gray-code order: each step flips one sign, so the sum updates in O(1).
            long patterns = 1L << n;
            var signs = new int[n];
            Array.Fill(signs, 1);
            double current = sum;
            long count = Math.Abs(current) >= threshold ? 1 : 0;
            for (long i = 1; i < patterns; i++)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(i);
                current -= 2 * signs[bit] * d[bit];
                signs[bit] = -signs[bit];
                if (Math.Abs(current) >= threshold) count++;
            }
            return new PairedTestResult("sign-flip permutation", n, sum / n, sum / n, (double)count / patterns,
                $"exact (all 2^{n} sign patterns)");
        }

        var rng = new SplitMix64(seed);
        long hits = 0;
        for (int r = 0; r < PermutationResamples; r++)
        {
            double s = 0;
            int used = 0;
            ulong bits = 0;
            for (int i = 0; i < n; i++)
            {
                if (used == 0) { bits = rng.Next(); used = 64; }
                s += (bits & 1) == 0 ? d[i] : -d[i];
                bits >>= 1;
                used--;
            }
            if (Math.Abs(s) >= threshold) hits++;
        }
        return new PairedTestResult("sign-flip permutation", n, sum / n, sum / n,
            (hits + 1.0) / (PermutationResamples + 1.0), $"Monte Carlo ({PermutationResamples} random sign patterns, seed {seed})");
    }

    private static double[] Differences(IReadOnlyList<double> a, IReadOnlyList<double> b, int minimum)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"paired test needs pairs: {a.Count} values against {b.Count}", nameof(b));
        if (a.Count < minimum) throw new ArgumentException($"paired test needs at least {minimum} pair{(minimum > 1 ? "s" : "")}, got {a.Count}", nameof(a));
        var d = new double[a.Count];
        for (int i = 0; i < d.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
                throw new ArgumentException($"pair {i} holds a non-finite value ({a[i]}, {b[i]})", nameof(a));
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /// <summary>Ranks 1..n of <paramref name="values"/>, ties (relative 1e-12) sharing their average rank.</summary>
    internal static double[] AverageRanks(double[] values, out List<int> tieSizes)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        tieSizes = new List<int>();
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            double first = values[order[start]];
            while (end < n && values[order[end]] - first <= 1e-12 * Math.Abs(values[order[end]])) end++;
            double average = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (int j = start; j < end; j++) ranks[order[j]] = average;
            tieSizes.Add(end - start);
            start = end;
        }
        return ranks;
    }
}
