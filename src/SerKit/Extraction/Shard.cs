using System.Text;

namespace SerKit.Extraction;

/// <summary>
/// Part k of N of a corpus (<c>--shard k/N</c>, 1-based), for batch schedulers (a Slurm
/// array, a Kubernetes indexed job). An utterance belongs to the shard picked by a stable
/// hash of its id (FNV-1a, 64-bit), so shards do not depend on manifest order or machine,
/// and the N shards together cover every utterance exactly once.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole corpus.</summary>
    public static Shard All => new(1, 1);

    /// <summary>Parses <c>k/N</c> with 1 ≤ k ≤ N.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var k) || !int.TryParse(parts[1], out var n) || n < 1 || k < 1 || k > n)
            throw new FormatException($"--shard '{text}': expected k/N with 1 <= k <= N, e.g. 3/8");
        return new Shard(k, n);
    }

    /// <summary>Whether the utterance <paramref name="id"/> belongs to this shard.</summary>
    public bool Contains(string id) => Count == 1 || (int)(StableHash(id) % (ulong)Count) == Index - 1;

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong StableHash(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>A file-name suffix for this shard's own index, e.g. <c>shard-003-of-008</c>.</summary>
    public string FileTag => $"shard-{Index:D3}-of-{Count:D3}";

    public override string ToString() => $"{Index}/{Count}";
}
