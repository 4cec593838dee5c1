using SerKit.Attributes;
using SerKit.Evaluation;
using static TorchSharp.torch;

namespace SerKit.Tests.Attributes;

public class CccLossTests
{
    private static Tensor Columns(params double[][] columns) =>
        tensor(Enumerable.Range(0, columns[0].Length).SelectMany(i => columns.Select(c => c[i])).ToArray(), new long[] { columns[0].Length, columns.Length });

    [Fact]
    public void HandComputedValues()
    {
        using var scope = NewDisposeScope();
        // Attribute 1: y = x + 1 → CCC 4/7 (see ConcordanceCorrelationTests); attribute 2: y = 2x − 2 on x = 1, 2, 3 → CCC 0.8.
        var predicted = Columns([2, 3, 4], [0, 2, 4]);
        var target = Columns([1, 2, 3], [1, 2, 3]);
        var (loss, ccc) = CccLoss.Compute(predicted, target);
        Assert.Equal(4 / 7.0, ccc[0].item<double>(), 7);
        Assert.Equal(0.8, ccc[1].item<double>(), 7);
        Assert.Equal(((1 - 4 / 7.0) + (1 - 0.8)) / 2, loss.item<double>(), 7); // ε = 1e-8 moves the 9th decimal
        // Perfect agreement → 0, inverse → 2.
        Assert.Equal(0, CccLoss.Compute(target, target).Loss.item<double>(), 7);
        Assert.Equal(2, CccLoss.Compute(Columns([3, 2, 1], [3, 2, 1]), target).Loss.item<double>(), 7);
    }

    [Fact]
    public void AgreesWithTheMetricOnRandomData()
    {
        using var scope = NewDisposeScope();
        var g = new SerKit.Corpus.SplitMix64(3);
        double U() => (g.Next() >> 11) * (1.0 / (1UL << 53));
        for (int trial = 0; trial < 5; trial++)
        {
            int n = 7 + trial * 5;
            var t = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => 1 + 6 * U()).ToArray()).ToArray();
            var p = t.Select(col => col.Select(v => 0.6 * v + 1.5 + (U() - 0.5) * 2).ToArray()).ToArray();
            foreach (var type in new[] { ScalarType.Float64, ScalarType.Float32 })
            {
                var (loss, ccc) = CccLoss.Compute(Columns(p).to(type), Columns(t).to(type));
                double tolerance = type == ScalarType.Float64 ? 1e-7 : 1e-5;
                var metric = Enumerable.Range(0, 3).Select(a => ConcordanceCorrelation.Compute(t[a], p[a])).ToArray();
                for (int a = 0; a < 3; a++) Assert.Equal(metric[a], ccc[a].to(ScalarType.Float64).item<double>(), tolerance);
                Assert.Equal(metric.Average(m => 1 - m), loss.to(ScalarType.Float64).item<double>(), tolerance);
            }
        }
    }

    [Fact]
    public void GradientIsFiniteAndMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        // Constant predictions and constant targets: the one case with a zero moment denominator stays finite.
        foreach (var (p0, t0) in new[] { (new double[] { 2, 2, 2 }, new double[] { 2, 2, 2 }), (new double[] { 1, 1, 1 }, new double[] { 1, 2, 3 }), (new double[] { 5 }, new double[] { 3 }) })
        {
            var p = Columns(p0).requires_grad_(true);
            var (loss, _) = CccLoss.Compute(p, Columns(t0));
            loss.backward();
            Assert.True(double.IsFinite(loss.item<double>()));
            Assert.All(p.grad!.data<double>().ToArray(), g => Assert.True(double.IsFinite(g)));
        }
        // Analytic gradient = central differences (float64).
        double[] x = [1.3, 2.9, 2.2, 4.1, 3.3], y = [1.0, 3.0, 2.5, 4.5, 2.8];
        var px = Columns(x).requires_grad_(true);
        CccLoss.Compute(px, Columns(y)).Loss.backward();
        var analytic = px.grad!.data<double>().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            const double h = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (CccLoss.Compute(Columns(up), Columns(y)).Loss.item<double>() - CccLoss.Compute(Columns(down), Columns(y)).Loss.item<double>()) / (2 * h);
            Assert.Equal(numeric, analytic[i], 6);
        }
    }

    [Fact]
    public void BadShapesAreRefused()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => CccLoss.Compute(zeros(3, 2), zeros(3, 3)));
        Assert.Throws<ArgumentException>(() => CccLoss.Compute(zeros(3), zeros(3)));
        Assert.Throws<ArgumentException>(() => CccLoss.Compute(zeros(0, 2), zeros(0, 2)));
    }
}
