namespace SerKit.Corpus;

/// <summary>Speakers per fold in train, validation and test.</summary>
public sealed record FoldSizes(int Train, int Valid, int Test)
{
    /// <summary>All speakers of a fold.</summary>
    public int Total => Train + Valid + Test;

    /// <summary>
    /// Sizes in the ratio <paramref name="train"/> : <paramref name="valid"/> : <paramref name="test"/>
    /// (default CREMA-D's 63 : 14 : 14) for <paramref name="speakers"/> speakers: validation and
    /// test are rounded (halves away from zero), train takes the rest. For 91 speakers the
    /// default gives exactly 63/14/14.
    /// </summary>
    public static FoldSizes Proportional(int speakers, double train = 63, double valid = 14, double test = 14)
    {
        if (speakers < 2) throw new ArgumentOutOfRangeException(nameof(speakers), speakers, "need at least 2 speakers");
        if (train <= 0 || valid < 0 || test <= 0) throw new ArgumentException("ratios: train and test must be positive, validation non-negative");
        double sum = train + valid + test;
        int v = (int)Math.Round(speakers * valid / sum, MidpointRounding.AwayFromZero);
        int t = Math.Max(1, (int)Math.Round(speakers * test / sum, MidpointRounding.AwayFromZero));
        if (speakers - v - t < 1) v = Math.Max(0, speakers - t - 1);
        return new FoldSizes(speakers - v - t, v, t);
    }

    /// <summary>
    /// Sizes from what the user gave: nothing means <see cref="Proportional"/>; all three must
    /// add up to <paramref name="speakers"/>; two given leave the rest to the third.
    /// </summary>
    public static FoldSizes Resolve(int speakers, int? train, int? valid, int? test)
    {
        int given = (train is null ? 0 : 1) + (valid is null ? 0 : 1) + (test is null ? 0 : 1);
        FoldSizes sizes = given switch
        {
            0 => Proportional(speakers),
            3 => new FoldSizes(train!.Value, valid!.Value, test!.Value),
            2 => new FoldSizes(train ?? speakers - valid!.Value - test!.Value, valid ?? speakers - train!.Value - test!.Value,
                test ?? speakers - train!.Value - valid!.Value),
            _ => throw new ArgumentException("give none, two or all three of the train, validation and test sizes"),
        };
        if (sizes.Total != speakers)
            throw new ArgumentException($"train {sizes.Train} + validation {sizes.Valid} + test {sizes.Test} = {sizes.Total} speakers, but there are {speakers}");
        if (sizes.Train < 1 || sizes.Test < 1 || sizes.Valid < 0)
            throw new ArgumentException($"sizes {sizes.Train}/{sizes.Valid}/{sizes.Test}: train and test need at least one speaker, validation cannot be negative");
        return sizes;
    }
}
