namespace SerKit.Audio;

/// <summary>Creates the extractor for <see cref="FeatureOptions.Kind"/>.</summary>
public static class FeatureExtractors
{
    /// <summary>Validates <paramref name="options"/> and returns a thread-safe extractor for its kind.</summary>
    public static IFeatureExtractor Create(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Kind switch
        {
            FeatureKind.LogMel => new LogMelExtractor(options),
            FeatureKind.Mfcc => new MfccExtractor(options),
            FeatureKind.Energy => new EnergyExtractor(options),
            FeatureKind.F0 => new PitchExtractor(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown feature kind"),
        };
    }
}
