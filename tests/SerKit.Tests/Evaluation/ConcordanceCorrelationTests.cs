using SerKit.Evaluation;

namespace SerKit.Tests.Evaluation;

public class ConcordanceCorrelationTests
{
    [Fact]
    public void HandComputed()
    {
        double[] x = { 1, 2, 3 };
        Assert.Equal(1.0, ConcordanceCorrelation.Compute(x, x), 1e-15);
        Assert.Equal(-1.0, ConcordanceCorrelation.Compute(x, new double[] { 3, 2, 1 }), 1e-15);
        // y = x + 1: means 2 and 3, variances 2/3 each, covariance 2/3:
        // CCC = 2·(2/3) / (2/3 + 2/3 + 1) = (4/3) / (7/3) = 4/7 (Pearson would say 1).
        Assert.Equal(4 / 7.0, ConcordanceCorrelation.Compute(x, new double[] { 2, 3, 4 }), 1e-15);
        // y = 2x − 2 = [0, 2, 4]: mean 2 = mean x, var y = 8/3, cov = 4/3:
        // CCC = (8/3) / (2/3 + 8/3) = 4/5.
        Assert.Equal(0.8, ConcordanceCorrelation.Compute(x, new double[] { 0, 2, 4 }), 1e-15);
        // Constant prediction at the truth mean: covariance 0 → CCC 0.
        Assert.Equal(0.0, ConcordanceCorrelation.Compute(x, new double[] { 2, 2, 2 }), 1e-15);
        // Equal constants: the only zero denominator, defined as 1.
        Assert.Equal(1.0, ConcordanceCorrelation.Compute(new double[] { 5, 5 }, new double[] { 5, 5 }));
    }

    [Fact]
    public void BadInput()
    {
        Assert.Throws<ArgumentException>(() => ConcordanceCorrelation.Compute(new double[] { 1 }, new double[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => ConcordanceCorrelation.Compute(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => ConcordanceCorrelation.Compute(new double[] { double.NaN }, new double[] { 1 }));
    }
}
