namespace SerKit.Labels;

/// <summary>Settings of <see cref="CooccurrenceMatrix.Compute"/>.</summary>
public sealed record CooccurrenceOptions
{
    /// <summary>How an utterance's votes add to the counts; <see cref="CooccurrenceCounting.Presence"/> by default.</summary>
    public CooccurrenceCounting Counting { get; init; } = CooccurrenceCounting.Presence;

    /// <summary>How counts become frequencies; <see cref="CooccurrenceNormalization.Conditional"/> by default.</summary>
    public CooccurrenceNormalization Normalization { get; init; } = CooccurrenceNormalization.Conditional;
}
