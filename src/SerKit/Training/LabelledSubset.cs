using SerKit.Corpus;

namespace SerKit.Training;

/// <summary>Chooses a class-stratified share of labelled utterances reproducibly from a seed.</summary>
public static class LabelledSubset
{
    /// <summary>
    /// For each class with n utterances, keeps max(1, round(<paramref name="fraction"/>·n)) of them, chosen by a
    /// seeded shuffle; the result keeps the input order. A fraction of 1 keeps everything.
    /// </summary>
    public static IReadOnlyList<TrainingExample> Choose(IReadOnlyList<TrainingExample> examples, double fraction, long seed)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentException($"label fraction must be in (0, 1] (got {fraction})");
        if (fraction == 1) return examples;
        var rng = new SplitMix64((ulong)SeedSequence.Derive(seed, SeedSequence.Stream.Subset));
        var keep = new HashSet<int>();
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Labels[0]).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            rng.Shuffle(members);
            int n = Math.Max(1, (int)Math.Round(fraction * members.Count, MidpointRounding.AwayFromZero));
            keep.UnionWith(members.Take(n));
        }
        return examples.Where((_, i) => keep.Contains(i)).ToArray();
    }
}
