namespace SerKit.Experiments;

/// <summary>
/// Speaker-independent folds of a recipe (<see cref="SerKit.Corpus.SpeakerFolds"/>): CREMA-D's default is 5 folds of
/// 63 train / 14 validation / 14 test actors. Sizes left null are taken in proportion 63/14/14 of the speakers.
/// </summary>
public sealed record FoldsRecipe
{
    /// <summary>Number of folds.</summary>
    public int Count { get; init; } = 5;

    /// <summary>Training speakers per fold.</summary>
    public int? Train { get; init; } = 63;

    /// <summary>Validation speakers per fold (early stopping).</summary>
    public int? Valid { get; init; } = 14;

    /// <summary>Test speakers per fold.</summary>
    public int? Test { get; init; } = 14;

    /// <summary>Seed of the speaker shuffle.</summary>
    public long Seed { get; init; }

    /// <summary>Run only these fold numbers (1-based; empty = all), e.g. to spread folds over machines.</summary>
    public IReadOnlyList<int> Only { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Count < 1) throw new ArgumentException($"folds.count: must be at least 1 (got {Count})");
        if (Train is < 1 || Valid is < 1 || Test is < 1) throw new ArgumentException("folds: train, valid and test need at least one speaker each");
        if (Only.Any(f => f < 1 || f > Count)) throw new ArgumentException($"folds.only: fold numbers are 1..{Count}");
    }
}
