namespace SerKit.Corpus;

/// <summary>
/// The SplitMix64 generator (Steele, Lea &amp; Flood 2014; Vigna's splitmix64.c): a 64-bit
/// state advanced by 0x9E3779B97F4A7C15 and mixed. Fully specified here, so the same seed
/// gives the same numbers on every machine and .NET version (unlike an unseeded
/// <see cref="Random"/>). Not for cryptography.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>A generator whose first output is the mix of <paramref name="seed"/> + the golden-ratio increment.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection of the top remainder).</summary>
    public ulong NextBelow(ulong bound)
    {
        if (bound == 0) throw new ArgumentOutOfRangeException(nameof(bound), "bound must be positive");
        ulong remainder = (ulong.MaxValue % bound + 1) % bound; // 2^64 mod bound
        ulong limit = unchecked(0UL - remainder);                // largest multiple of bound (0 means 2^64)
        while (true)
        {
            ulong r = Next();
            if (remainder == 0 || r < limit) return r % bound;
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the last position down).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = (int)NextBelow((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
