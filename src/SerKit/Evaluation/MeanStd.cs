using System.Globalization;

namespace SerKit.Evaluation;

/// <summary>
/// Mean and sample standard deviation (n − 1 in the denominator, numpy's <c>ddof=1</c>) of a
/// metric over runs (folds × seeds). <see cref="Std"/> is NaN for a single run.
/// </summary>
public readonly record struct MeanStd(double Mean, double Std, int N)
{
    /// <summary>Mean and sample standard deviation of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a non-finite value.</exception>
    public static MeanStd Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("no values to summarise", nameof(values));
        if (v.Any(x => !double.IsFinite(x))) throw new ArgumentException("values must be finite", nameof(values));
        double mean = v.Average();
        if (v.Length == 1) return new MeanStd(mean, double.NaN, 1);
        double ss = 0;
        foreach (var x in v) ss += (x - mean) * (x - mean);
        return new MeanStd(mean, Math.Sqrt(ss / (v.Length - 1)), v.Length);
    }

    /// <summary>
    /// "mean ± std" with both multiplied by <paramref name="scale"/> (100 gives percent) and
    /// <paramref name="decimals"/> decimals; only the mean for a single run.
    /// </summary>
    public string Format(double scale = 100, int decimals = 1)
    {
        string f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        var mean = (Mean * scale).ToString(f, CultureInfo.InvariantCulture);
        return double.IsNaN(Std) ? mean : $"{mean} ± {(Std * scale).ToString(f, CultureInfo.InvariantCulture)}";
    }
}
