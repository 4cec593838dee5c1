using SerKit.Corpus;
using SerKit.Extraction;

namespace SerKit.Synthetic;

/// <summary>
/// The random numbers of the synthesizers: SplitMix64 (fully specified, so a seed gives the
/// same numbers on every machine and .NET version), with uniform, Gaussian and derived streams.
/// </summary>
internal sealed class SynthRandom
{
    private readonly SplitMix64 _bits;
    private double? _spareGaussian;

    public SynthRandom(ulong seed) => _bits = new SplitMix64(seed);

    /// <summary>An independent stream named by <paramref name="key"/> under <paramref name="seed"/>.</summary>
    public static SynthRandom For(long seed, string key) => new(Shard.StableHash($"{seed}/{key}"));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (_bits.Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => (int)_bits.NextBelow((ulong)bound);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A standard normal deviate (Marsaglia's polar method).</summary>
    public double Gaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * m;
        return u * m;
    }

    /// <summary>A normal deviate with the given mean and standard deviation.</summary>
    public double Gaussian(double mean, double sd) => mean + sd * Gaussian();

    /// <summary>A 32-bit seed for a sub-generator.</summary>
    public int NextSeed() => (int)(_bits.Next() & int.MaxValue);

    /// <summary>A 64-bit seed for a sub-generator.</summary>
    public ulong NextSeed64() => _bits.Next();
}
