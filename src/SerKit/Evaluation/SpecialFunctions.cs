namespace SerKit.Evaluation;

/// <summary>
/// Special functions behind the significance tests: log-gamma, the regularised incomplete
/// beta and gamma functions, erfc and the normal and Student t distribution functions.
/// Accurate to about 1e-13 relative in the ranges the tests use.
/// </summary>
internal static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 10_000;

    // Lanczos approximation, g = 7, nine coefficients (Godfrey's published set).
    private static readonly double[] Lanczos =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7,
    };

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "log-gamma needs x > 0");
        if (x < 0.5)
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>The regularised incomplete beta function I_x(a, b), a, b &gt; 0, 0 ≤ x ≤ 1.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0)) throw new ArgumentOutOfRangeException(nameof(a), $"incomplete beta needs a, b > 0 (a={a}, b={b})");
        if (double.IsNaN(x) || x < 0 || x > 1) throw new ArgumentOutOfRangeException(nameof(x), x, "incomplete beta needs 0 ≤ x ≤ 1");
        if (x == 0) return 0;
        if (x == 1) return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
        if (x < (a + 1) / (a + b + 2))
            return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
        return 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    /// <summary>Continued fraction of the incomplete beta function, evaluated with the modified Lentz method.</summary>
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MaxIterations; m++)
        {
            int m2 = 2 * m;
            // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
            double numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + numerator * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + numerator / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + numerator * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + numerator / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) return h;
        }
        throw new ArithmeticException($"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x})");
    }

    /// <summary>The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), a &gt; 0, x ≥ 0.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), a, "incomplete gamma needs a > 0");
        if (double.IsNaN(x) || x < 0) throw new ArgumentOutOfRangeException(nameof(x), x, "incomplete gamma needs x ≥ 0");
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        double logFront = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            // Series for the lower function P(a, x) = e^{−x} x^a / Γ(a) Σ x^n / (a (a+1) … (a+n)).
            double term = 1 / a, sum = term, ap = a;
            for (int n = 1; n <= MaxIterations; n++)
            {
                ap += 1;
                term *= x / ap;
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * Epsilon) return 1 - sum * Math.Exp(logFront);
            }
            throw new ArithmeticException($"incomplete gamma series did not converge (a={a}, x={x})");
        }
        // Continued fraction for Q(a, x), modified Lentz.
        double bb = x + 1 - a;
        double c = 1 / Tiny;
        double d = 1 / bb;
        double h = d;
        for (int n = 1; n <= MaxIterations; n++)
        {
            double an = -n * (n - a);
            bb += 2;
            d = an * d + bb;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = bb + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) return Math.Exp(logFront) * h;
        }
        throw new ArithmeticException($"incomplete gamma continued fraction did not converge (a={a}, x={x})");
    }

    /// <summary>The complementary error function erfc(x) = Q(1/2, x²) for x ≥ 0, 2 − erfc(−x) below.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        return x >= 0 ? RegularizedGammaQ(0.5, x * x) : 2 - RegularizedGammaQ(0.5, x * x);
    }

    /// <summary>Upper tail of the standard normal distribution, P(Z &gt; z).</summary>
    public static double NormalUpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Two-sided tail of Student's t with <paramref name="degreesOfFreedom"/>: P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).</summary>
    public static double StudentTTwoSided(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Student t needs ν > 0");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        return RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x);
    }

    /// <summary>Cumulative distribution function of Student's t, P(T ≤ t).</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        double tail = 0.5 * StudentTTwoSided(t, degreesOfFreedom);
        return t >= 0 ? 1 - tail : tail;
    }
}
