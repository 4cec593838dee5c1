namespace SerKit.Labels;

/// <summary>Turns a consensus label or per-class vote counts into the target vector of a <see cref="LabelType"/>.</summary>
public static class LabelTargets
{
    /// <summary>
    /// The target over <paramref name="classes"/> classes, or null when the utterance has none under <paramref name="type"/>:
    /// hard = one-hot of <paramref name="consensus"/>; multi-label = 1 for every class with a vote (the loss spreads the
    /// target uniformly over them); distribution = the vote shares. Vote counts must be finite and non-negative.
    /// </summary>
    public static float[]? Make(LabelType type, int? consensus, IReadOnlyList<double>? votes, int classes)
    {
        if (votes != null)
        {
            if (votes.Count != classes) throw new ArgumentException($"{votes.Count} vote counts for {classes} classes");
            if (votes.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentException("vote counts must be finite and non-negative");
        }
        switch (type)
        {
            case LabelType.Hard:
                if (consensus is not int y) return null;
                if (y < 0 || y >= classes) throw new ArgumentOutOfRangeException(nameof(consensus), y, $"not a class of {classes}");
                var hot = new float[classes];
                hot[y] = 1;
                return hot;
            case LabelType.MultiLabel:
                if (votes is null || votes.All(v => v == 0)) return null;
                return votes.Select(v => v > 0 ? 1f : 0f).ToArray();
            case LabelType.Distribution:
                if (votes is null) return null;
                double total = votes.Sum();
                if (total == 0) return null;
                return votes.Select(v => (float)(v / total)).ToArray();
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
