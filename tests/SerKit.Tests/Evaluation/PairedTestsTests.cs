using SerKit.Corpus;
using SerKit.Evaluation;

namespace SerKit.Tests.Evaluation;

public class PairedTestsTests
{
    [Fact]
    public void TTestHandComputed()
    {
        // d = a − b = [1, 2, 3]: mean 2, sd 1, t = 2 / (1/√3) = 2√3, ν = 2.
        // ν = 2 closed form: p = 1 − t/√(2 + t²) = 1 − 2√3/√14.
        var r = PairedTests.TTest(new double[] { 1, 2, 3 }, new double[] { 0, 0, 0 });
        Assert.Equal(2 * Math.Sqrt(3), r.Statistic, 1e-12);
        Assert.Equal(1 - 2 * Math.Sqrt(3) / Math.Sqrt(14), r.PValue, 1e-12);
        Assert.Equal(2.0, r.MeanDifference, 1e-12);
        Assert.Equal(3, r.N);

        // Swapping a and b flips the sign of t, not p.
        var swapped = PairedTests.TTest(new double[] { 0, 0, 0 }, new double[] { 1, 2, 3 });
        Assert.Equal(-r.Statistic, swapped.Statistic, 1e-12);
        Assert.Equal(r.PValue, swapped.PValue, 1e-12);
    }

    [Fact]
    public void TTestDegenerateDifferences()
    {
        var zero = PairedTests.TTest(new double[] { 0.5, 0.6 }, new double[] { 0.5, 0.6 });
        Assert.Equal(1.0, zero.PValue);
        Assert.Equal(0.0, zero.Statistic);
        var constant = PairedTests.TTest(new double[] { 0.6, 0.7, 0.8 }, new double[] { 0.5, 0.6, 0.7 });
        Assert.True(constant.PValue < 1e-10);
        Assert.Throws<ArgumentException>(() => PairedTests.TTest(new double[] { 1 }, new double[] { 0 }));
        Assert.Throws<ArgumentException>(() => PairedTests.TTest(new double[] { 1, 2 }, new double[] { 0 }));
        Assert.Throws<ArgumentException>(() => PairedTests.TTest(new double[] { 1, double.NaN }, new double[] { 0, 0 }));
    }

    [Fact]
    public void WilcoxonExactHandComputed()
    {
        // Five positive differences: W+ = 15, only 1 of the 32 patterns reaches it on each side: p = 2/32.
        var all = PairedTests.Wilcoxon(new double[] { 1, 2, 3, 4, 5 }, new double[] { 0, 0, 0, 0, 0 });
        Assert.Equal(15, all.Statistic);
        Assert.Equal(0.0625, all.PValue, 1e-15);

        // d = [1, −2, 3]: ranks 1, 2, 3, W+ = 4. W+ over the 8 patterns: 0 1 2 3 3 4 5 6.
        // P(W+ ≥ 4) = 3/8, P(W+ ≤ 4) = 6/8 → p = 2 · 3/8 = 0.75.
        var mixed = PairedTests.Wilcoxon(new double[] { 1, -2, 3 }, new double[] { 0, 0, 0 });
        Assert.Equal(4, mixed.Statistic);
        Assert.Equal(0.75, mixed.PValue, 1e-15);

        // Ties: d = [1, 1, 2] → average ranks 1.5, 1.5, 3, W+ = 6 = the maximum: p = 2 · 1/8 = 0.25.
        var tied = PairedTests.Wilcoxon(new double[] { 1, 1, 2 }, new double[] { 0, 0, 0 });
        Assert.Equal(6, tied.Statistic);
        Assert.Equal(0.25, tied.PValue, 1e-15);

        // Zero differences are dropped: same as the 3 non-zero ones alone.
        var zeros = PairedTests.Wilcoxon(new double[] { 1, -2, 3, 5, 7 }, new double[] { 0, 0, 0, 5, 7 });
        Assert.Equal(3, zeros.N);
        Assert.Equal(0.75, zeros.PValue, 1e-15);

        var none = PairedTests.Wilcoxon(new double[] { 1, 2 }, new double[] { 1, 2 });
        Assert.Equal(1.0, none.PValue);
    }

    [Fact]
    public void WilcoxonExactEqualsBruteForceEnumerationWithTies()
    {
        var rng = new SplitMix64(11);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 2 + (int)rng.NextBelow(13);
            // Coarse values (steps of 0.25) so ties among |d| are common.
            var a = Enumerable.Range(0, n).Select(_ => (double)rng.NextBelow(9) * 0.25).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => (double)rng.NextBelow(9) * 0.25).ToArray();
            var r = PairedTests.Wilcoxon(a, b);
            var d = a.Zip(b, (x, y) => x - y).Where(x => x != 0).ToArray();
            if (d.Length == 0) { Assert.Equal(1.0, r.PValue); continue; }
            var ranks = PairedTests.AverageRanks(d.Select(Math.Abs).ToArray(), out _);
            double w = d.Select((x, i) => x > 0 ? ranks[i] : 0).Sum();
            int le = 0, ge = 0, patterns = 1 << d.Length;
            for (int mask = 0; mask < patterns; mask++)
            {
                double s = 0;
                for (int i = 0; i < d.Length; i++) if ((mask >> i & 1) == 1) s += ranks[i];
                if (s <= w + 1e-9) le++;
                if (s >= w - 1e-9) ge++;
            }
            Assert.Equal(w, r.Statistic, 1e-12);
            Assert.Equal(Math.Min(1, 2.0 * Math.Min(le, ge) / patterns), r.PValue, 1e-14);
        }
    }

    [Fact]
    public void SignFlipHandComputed()
    {
        // d = [1, 2, 3]: only ±(1+2+3) reach |sum| 6: p = 2/8.
        Assert.Equal(0.25, PairedTests.SignFlip(new double[] { 1, 2, 3 }, new double[] { 0, 0, 0 }).PValue, 1e-15);
        // d = [1, −2, 3], sum 2: pattern sums ±1±2±3 = 6 0 2 −4 4 −2 0 −6; |s| ≥ 2 in 6 of 8.
        var r = PairedTests.SignFlip(new double[] { 1, -2, 3 }, new double[] { 0, 0, 0 });
        Assert.Equal(0.75, r.PValue, 1e-15);
        Assert.Equal(2 / 3.0, r.MeanDifference, 1e-15);
        // Five folds, all better: the floor 2/32.
        Assert.Equal(0.0625, PairedTests.SignFlip(new[] { 0.5, 0.6, 0.55, 0.52, 0.58 }, new[] { 0.4, 0.5, 0.45, 0.5, 0.5 }).PValue, 1e-15);
    }

    [Fact]
    public void SignFlipMonteCarloIsCloseToExactAndRepeatable()
    {
        // 22 pairs: beyond the exact limit. The exact p from a direct enumeration of all 2^22 patterns.
        var rng = new SplitMix64(5);
        var d = Enumerable.Range(0, 22).Select(_ => ((rng.Next() >> 11) * (1.0 / (1UL << 53))) - 0.32).ToArray();
        var zeros = new double[d.Length];
        var mc = PairedTests.SignFlip(d, zeros, seed: 3);
        Assert.Equal(mc.PValue, PairedTests.SignFlip(d, zeros, seed: 3).PValue);
        Assert.StartsWith("Monte Carlo", mc.Method);

        double observed = Math.Abs(d.Sum());
        long hits = 0, total = 1L << d.Length;
        double current = d.Sum();
        var signs = Enumerable.Repeat(1, d.Length).ToArray();
        if (Math.Abs(current) >= observed - 1e-9) hits++;
        for (long i = 1; i < total; i++)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(i);
            current -= 2 * signs[bit] * d[bit];
            signs[bit] = -signs[bit];
            if (Math.Abs(current) >= observed - 1e-9) hits++;
        }
        double exact = (double)hits / total;
        double se = Math.Sqrt(exact * (1 - exact) / PairedTests.PermutationResamples);
        Assert.InRange(mc.PValue, exact - 4 * se - 1e-5, exact + 4 * se + 1e-5);
        Assert.InRange(exact, 0.001, 0.999); // the case is informative
    }

    [SkippableFact]
    public void AgreesWithScipy()
    {
        PythonReference.Require("scipy", "python3-scipy");
        var rng = new SplitMix64(99);
        double U() => (rng.Next() >> 11) * (1.0 / (1UL << 53));
        double[] Vector(int n, double shift) => Enumerable.Range(0, n).Select(_ => 0.4 + 0.2 * U() + shift).ToArray();

        var ttest = new List<object[]>();
        for (int i = 0; i < 12; i++) { int n = 2 + i * 3; ttest.Add(new object[] { Vector(n, 0.03 * (i % 4)), Vector(n, 0) }); }
        // Exact Wilcoxon without ties (continuous values), n ≤ 25; approximation with ties beyond.
        var wilcoxon = new List<object[]>();
        foreach (var n in new[] { 4, 6, 9, 12, 15, 20, 25 }) wilcoxon.Add(new object[] { Vector(n, 0.04), Vector(n, 0), "exact" });
        foreach (var n in new[] { 30, 45, 80 })
        {
            // Multiples of 1/4 are exact in binary, so scipy and SerKit see the same ties and zeros.
            var a = Enumerable.Range(0, n).Select(_ => rng.NextBelow(7) * 0.25 + 0.25).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => rng.NextBelow(7) * 0.25).ToArray();
            wilcoxon.Add(new object[] { a, b, "approx" });
        }
        var signflip = new List<object[]>();
        foreach (var n in new[] { 3, 5, 8, 11, 14 }) signflip.Add(new object[] { Vector(n, 0.05), Vector(n, 0) });

        var r = PythonReference.Run("scipy_stats_reference.py", new { ttest, wilcoxon, signflip });
        int i2 = 0;
        foreach (var e in r.GetProperty("ttest").EnumerateArray())
        {
            var pair = ttest[i2++];
            var mine = PairedTests.TTest((double[])pair[0], (double[])pair[1]);
            Assert.True(Math.Abs(e[0].GetDouble() - mine.Statistic) < 1e-10 * Math.Max(1, Math.Abs(mine.Statistic)), $"t of case {i2 - 1}");
            Assert.True(Math.Abs(e[1].GetDouble() - mine.PValue) < 1e-11 * Math.Max(1e-3, e[1].GetDouble()), $"p of t-test case {i2 - 1}: scipy {e[1].GetDouble():R}, SerKit {mine.PValue:R}");
        }
        Assert.Equal(ttest.Count, i2);
        i2 = 0;
        foreach (var e in r.GetProperty("wilcoxon").EnumerateArray())
        {
            var pair = wilcoxon[i2++];
            var mine = PairedTests.Wilcoxon((double[])pair[0], (double[])pair[1]);
            Assert.Equal(e[0].GetDouble(), mine.Statistic, 1e-9);
            Assert.True(Math.Abs(e[1].GetDouble() - mine.PValue) < 1e-10 * Math.Max(1e-3, e[1].GetDouble()),
                $"Wilcoxon case {i2 - 1} ({pair[2]}, n={((double[])pair[0]).Length}): scipy {e[1].GetDouble():R}, SerKit {mine.PValue:R} ({mine.Method})");
        }
        Assert.Equal(wilcoxon.Count, i2);
        i2 = 0;
        foreach (var e in r.GetProperty("signflip").EnumerateArray())
        {
            var pair = signflip[i2++];
            var mine = PairedTests.SignFlip((double[])pair[0], (double[])pair[1]);
            Assert.Equal(e.GetDouble(), mine.PValue, 1e-12);
        }
        Assert.Equal(signflip.Count, i2);
    }
}
