using SerKit.Evaluation;

namespace SerKit.Attributes;

/// <summary>
/// Attribute regression scores over <see cref="Num"/> utterances, per attribute in <see cref="Attributes"/> order: the concordance
/// correlation coefficient (<see cref="ConcordanceCorrelation"/>, the MSP-Podcast / AVEC measure), Pearson's r and the RMSE
/// (in the attribute's own scale); <see cref="MeanCcc"/> averages the CCCs.
/// </summary>
public sealed record AttributeMetrics(IReadOnlyList<string> Attributes, IReadOnlyList<double> Ccc, IReadOnlyList<double> Pearson,
    IReadOnlyList<double> Rmse, int Num)
{
    /// <summary>The mean CCC over the attributes.</summary>
    public double MeanCcc => Ccc.Average();

    /// <summary>Scores of <paramref name="predicted"/> against <paramref name="truth"/> (rows = utterances, one value per attribute).</summary>
    /// <exception cref="ArgumentException">No rows, rows of the wrong length, or a non-finite value.</exception>
    public static AttributeMetrics Compute(IReadOnlyList<string> attributes, IReadOnlyList<double[]> truth, IReadOnlyList<double[]> predicted)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} truth rows but {predicted.Count} predictions");
        if (truth.Count == 0) throw new ArgumentException("no utterances to score");
        if (truth.Concat(predicted).Any(r => r.Length != attributes.Count)) throw new ArgumentException($"every row needs {attributes.Count} values ({string.Join(", ", attributes)})");
        var ccc = new double[attributes.Count];
        var r = new double[attributes.Count];
        var rmse = new double[attributes.Count];
        for (int a = 0; a < attributes.Count; a++)
        {
            var t = truth.Select(row => row[a]).ToArray();
            var p = predicted.Select(row => row[a]).ToArray();
            ccc[a] = ConcordanceCorrelation.Compute(t, p);
            r[a] = PearsonR(t, p);
            rmse[a] = Math.Sqrt(t.Zip(p, (x, y) => (x - y) * (x - y)).Average());
        }
        return new AttributeMetrics(attributes.ToArray(), ccc, r, rmse, truth.Count);
    }

    /// <summary>Pearson's r; 0 when either sequence is constant.</summary>
    public static double PearsonR(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
