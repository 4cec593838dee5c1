using SerKit.Corpus;
using SerKit.Evaluation;

namespace SerKit.Tests.Evaluation;

public class ClassificationMetricsTests
{
    private const double Tol = 1e-12;
    private static readonly string[] Abc = { "A", "B", "C" };

    [Fact]
    public void ThreeClassGoldenCase()
    {
        // truth     A A A A B B B C C C
        // predicted A A B C B B A C C B
        // confusion [truth, predicted]:   A  B  C   support
        //                             A [ 2  1  1 ]  4
        //                             B [ 1  2  0 ]  3
        //                             C [ 0  1  2 ]  3
        // predicted counts                3  4  3
        // precision A 2/3, B 2/4, C 2/3;  recall A 2/4, B 2/3, C 2/3
        // F1 A = 2·(2/3)(1/2)/(2/3+1/2) = 4/7, B = 4/7, C = 2/3
        // macro P = (2/3+1/2+2/3)/3 = 11/18, macro R = 11/18, macro F1 = (4/7+4/7+2/3)/3 = 38/63
        // WA = 6/10, UA = mean recall = 11/18, micro P = R = F1 = 6/10
        var m = ClassificationMetrics.Compute(
            new[] { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 },
            new[] { 0, 0, 1, 2, 1, 1, 0, 2, 2, 1 }, Abc);
        Assert.Equal(10, m.Num);
        Assert.Equal(new[,] { { 2, 1, 1 }, { 1, 2, 0 }, { 0, 1, 2 } }, m.Confusion);
        Assert.Equal(new[] { 4, 3, 3 }, m.Support);
        Assert.Equal(new[] { 3, 4, 3 }, m.PredictedCount);
        AssertClose(new[] { 2 / 3.0, 0.5, 2 / 3.0 }, m.PerClassPrecision);
        AssertClose(new[] { 0.5, 2 / 3.0, 2 / 3.0 }, m.PerClassRecall);
        AssertClose(new[] { 4 / 7.0, 4 / 7.0, 2 / 3.0 }, m.PerClassF1);
        Assert.Equal(11 / 18.0, m.MacroPrecision, Tol);
        Assert.Equal(11 / 18.0, m.MacroRecall, Tol);
        Assert.Equal(38 / 63.0, m.MacroF1, Tol);
        Assert.Equal(0.6, m.WA, Tol);
        Assert.Equal(11 / 18.0, m.UA, Tol);
        Assert.Equal(0.6, m.MicroPrecision, Tol);
        Assert.Equal(0.6, m.MicroRecall, Tol);
        Assert.Equal(0.6, m.MicroF1, Tol);
        Assert.Equal(3, m.MacroClassCount);
    }

    [Fact]
    public void ClassNeverPredictedHasPrecisionZeroAndCountsInTheMacroAverage()
    {
        // truth A A B C, predicted A A B B: C is in the truth but never predicted.
        // confusion A [2 0 0], B [0 1 0], C [0 1 0]; predicted counts 2 2 0
        // precision A 1, B 1/2, C 0 (zero division → 0); recall A 1, B 1, C 0
        // F1 A 1, B 2·(1/2)(1)/(3/2) = 2/3, C 0
        // macro over {A, B, C}: P = 1.5/3 = 1/2, R = 2/3, F1 = (1 + 2/3 + 0)/3 = 5/9
        // WA = 3/4, UA = (1 + 1 + 0)/3 = 2/3
        var m = ClassificationMetrics.Compute(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, Abc);
        AssertClose(new[] { 1, 0.5, 0 }, m.PerClassPrecision);
        AssertClose(new[] { 1, 2 / 3.0, 0 }, m.PerClassF1);
        Assert.Equal(0.5, m.MacroPrecision, Tol);
        Assert.Equal(2 / 3.0, m.MacroRecall, Tol);
        Assert.Equal(5 / 9.0, m.MacroF1, Tol);
        Assert.Equal(0.75, m.WA, Tol);
        Assert.Equal(2 / 3.0, m.UA, Tol);
        Assert.All(m.InMacroAverage, Assert.True);
    }

    [Fact]
    public void ClassAbsentFromTruthButPredictedEntersMacroNotUa_ClassAbsentFromBothIsExcluded()
    {
        // classes A B C D; truth A A B B, predicted A C B B.
        // C is predicted once but never true; D occurs nowhere.
        // confusion A [1 0 1 0], B [0 2 0 0]; predicted counts 1 2 1 0
        // precision A 1, B 1, C 0/1 = 0; recall A 1/2, B 1, C 0 (no support → 0)
        // F1 A 2/3, B 1, C 0; D excluded everywhere (all zero, not averaged)
        // macro over {A, B, C}: P = 2/3, R = 1.5/3 = 1/2, F1 = (2/3 + 1 + 0)/3 = 5/9
        // UA over the classes in the truth {A, B}: (1/2 + 1)/2 = 3/4 (≠ macro recall)
        // WA = 3/4
        var m = ClassificationMetrics.Compute(new[] { 0, 0, 1, 1 }, new[] { 0, 2, 1, 1 }, new[] { "A", "B", "C", "D" });
        Assert.Equal(new[] { true, true, true, false }, m.InMacroAverage);
        Assert.Equal(3, m.MacroClassCount);
        Assert.Equal(2 / 3.0, m.MacroPrecision, Tol);
        Assert.Equal(0.5, m.MacroRecall, Tol);
        Assert.Equal(5 / 9.0, m.MacroF1, Tol);
        Assert.Equal(0.75, m.UA, Tol);
        Assert.Equal(0.75, m.WA, Tol);
        Assert.Equal(0.75, m.MicroF1, Tol);
        Assert.Equal(4, m.Confusion.GetLength(0));
    }

    [Fact]
    public void PerfectPrediction()
    {
        var truth = new[] { 2, 0, 1, 1, 0, 2, 2 };
        var m = ClassificationMetrics.Compute(truth, truth, Abc);
        foreach (var v in new[] { m.WA, m.UA, m.MacroPrecision, m.MacroRecall, m.MacroF1, m.MicroPrecision, m.MicroRecall, m.MicroF1 })
            Assert.Equal(1.0, v);
        Assert.Equal(new[,] { { 2, 0, 0 }, { 0, 2, 0 }, { 0, 0, 3 } }, m.Confusion);
    }

    [Fact]
    public void AllOneClass()
    {
        // Truth and prediction all A: only A enters the averages, everything is 1.
        var same = ClassificationMetrics.Compute(new[] { 0, 0, 0 }, new[] { 0, 0, 0 }, Abc);
        Assert.Equal(1.0, same.MacroF1);
        Assert.Equal(1.0, same.UA);
        Assert.Equal(1, same.MacroClassCount);

        // Truth all A, predicted A B A B: A has P 1, R 1/2, F1 2/3; B has P 0 (0 of 2 right), R 0 (no support).
        // macro over {A, B}: P 1/2, R 1/4, F1 1/3; UA = recall of A = 1/2; WA = 1/2.
        var m = ClassificationMetrics.Compute(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 0, 1 }, Abc);
        Assert.Equal(0.5, m.MacroPrecision, Tol);
        Assert.Equal(0.25, m.MacroRecall, Tol);
        Assert.Equal(1 / 3.0, m.MacroF1, Tol);
        Assert.Equal(0.5, m.UA, Tol);
        Assert.Equal(0.5, m.WA, Tol);

        // Predicting always the majority class: truth A A A B, predicted A A A A.
        // A: P 3/4, R 1, F1 6/7; B: P 0, R 0, F1 0 → macro F1 3/7, UA 1/2, WA 3/4.
        var majority = ClassificationMetrics.Compute(new[] { 0, 0, 0, 1 }, new[] { 0, 0, 0, 0 }, Abc);
        Assert.Equal(3 / 7.0, majority.MacroF1, Tol);
        Assert.Equal(0.5, majority.UA, Tol);
        Assert.Equal(0.75, majority.WA, Tol);
    }

    [Fact]
    public void SingleSample()
    {
        var right = ClassificationMetrics.Compute(new[] { 1 }, new[] { 1 }, Abc);
        Assert.Equal(1.0, right.MacroF1);
        Assert.Equal(1.0, right.WA);
        Assert.Equal(1, right.Num);

        // truth B, predicted A: macro over {A, B}, all zero.
        var wrong = ClassificationMetrics.Compute(new[] { 1 }, new[] { 0 }, Abc);
        Assert.Equal(0.0, wrong.MacroF1);
        Assert.Equal(0.0, wrong.MacroPrecision);
        Assert.Equal(0.0, wrong.UA);
        Assert.Equal(0.0, wrong.WA);
        Assert.Equal(2, wrong.MacroClassCount);
    }

    [Fact]
    public void FromConfusionEqualsCompute()
    {
        var truth = new[] { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
        var pred = new[] { 0, 0, 1, 2, 1, 1, 0, 2, 2, 1 };
        var a = ClassificationMetrics.Compute(truth, pred, Abc);
        var b = ClassificationMetrics.FromConfusion(a.Confusion, Abc);
        Assert.Equal(a.MacroF1, b.MacroF1);
        Assert.Equal(a.UA, b.UA);
        Assert.Equal(a.Confusion, b.Confusion);
    }

    [Fact]
    public void ConfusionIsACopy()
    {
        var m = ClassificationMetrics.Compute(new[] { 0, 1 }, new[] { 0, 1 }, Abc);
        m.Confusion[0, 0] = 99;
        Assert.Equal(1, m.Count(0, 0));
    }

    [Fact]
    public void BadInputIsRefusedWithAMessage()
    {
        Assert.Contains("2 truth labels but 3 predictions",
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new[] { 0, 1 }, new[] { 0, 1, 1 }, Abc)).Message);
        Assert.Contains("no samples",
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(Array.Empty<int>(), Array.Empty<int>(), Abc)).Message);
        Assert.Contains("prediction 3 of sample 1",
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new[] { 0, 1 }, new[] { 0, 3 }, Abc)).Message);
        Assert.Contains("truth label -1 of sample 0",
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(new[] { -1 }, new[] { 0 }, Abc)).Message);
        Assert.Contains("2×2 but there are 3 classes",
            Assert.Throws<ArgumentException>(() => ClassificationMetrics.FromConfusion(new int[2, 2] { { 1, 0 }, { 0, 1 } }, Abc)).Message);
    }

    [SkippableFact]
    public void AgreesWithScikitLearnOnRandomCases()
    {
        PythonReference.Require("sklearn", "python3-sklearn");
        var rng = new SplitMix64(20240607);
        var cases = new List<(int[] Truth, int[] Pred, int K)>();
        for (int c = 0; c < 60; c++)
        {
            int k = 2 + (int)rng.NextBelow(6);              // 2..7 classes
            int n = 1 + (int)rng.NextBelow(c < 20 ? 6UL : 80UL); // many tiny cases: absent classes are common
            var truth = new int[n];
            var pred = new int[n];
            for (int i = 0; i < n; i++)
            {
                truth[i] = (int)rng.NextBelow((ulong)k);
                // right about half the time, otherwise a random (possibly right) class
                pred[i] = rng.NextBelow(2) == 0 ? truth[i] : (int)rng.NextBelow((ulong)k);
            }
            cases.Add((truth, pred, k));
        }
        var reference = PythonReference.Run("sklearn_metrics_reference.py",
            cases.Select(c => new { truth = c.Truth, predicted = c.Pred, classes = c.K }).ToArray());
        int index = 0;
        foreach (var r in reference.EnumerateArray())
        {
            var (truth, pred, k) = cases[index++];
            var names = Enumerable.Range(0, k).Select(i => "c" + i).ToArray();
            var m = ClassificationMetrics.Compute(truth, pred, names);
            string where = $"case {index - 1} (n={truth.Length}, K={k})";
            Assert.True(Math.Abs(r.GetProperty("wa").GetDouble() - m.WA) < Tol, where + " WA");
            Assert.True(Math.Abs(r.GetProperty("ua").GetDouble() - m.UA) < Tol, where + " UA");
            Assert.True(Math.Abs(r.GetProperty("macro_precision").GetDouble() - m.MacroPrecision) < Tol, where + " macro P");
            Assert.True(Math.Abs(r.GetProperty("macro_recall").GetDouble() - m.MacroRecall) < Tol, where + " macro R");
            Assert.True(Math.Abs(r.GetProperty("macro_f1").GetDouble() - m.MacroF1) < Tol, where + " macro F1");
            Assert.True(Math.Abs(r.GetProperty("micro_precision").GetDouble() - m.MicroPrecision) < Tol, where + " micro P");
            Assert.True(Math.Abs(r.GetProperty("micro_recall").GetDouble() - m.MicroRecall) < Tol, where + " micro R");
            Assert.True(Math.Abs(r.GetProperty("micro_f1").GetDouble() - m.MicroF1) < Tol, where + " micro F1");
            AssertClose(r.GetProperty("precision").EnumerateArray().Select(e => e.GetDouble()).ToArray(), m.PerClassPrecision);
            AssertClose(r.GetProperty("recall").EnumerateArray().Select(e => e.GetDouble()).ToArray(), m.PerClassRecall);
            AssertClose(r.GetProperty("f1").EnumerateArray().Select(e => e.GetDouble()).ToArray(), m.PerClassF1);
            Assert.Equal(r.GetProperty("support").EnumerateArray().Select(e => e.GetInt32()).ToArray(), m.Support);
            var confusion = r.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
            for (int t = 0; t < k; t++)
                for (int p = 0; p < k; p++)
                    Assert.Equal(confusion[t][p], m.Count(t, p));
        }
        Assert.Equal(cases.Count, index);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < Tol, $"[{i}] expected {expected[i]}, got {actual[i]}");
    }
}
