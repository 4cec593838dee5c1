namespace SerKit.Pretext;

/// <summary>T2's per-utterance measurement.</summary>
/// <param name="Frames">Rows of the primary face.</param>
/// <param name="ValidFrames">Rows that are valid (success, confidence, finite landmarks, usable eye distance).</param>
/// <param name="Activation">Mean frame motion over the valid frames that follow a valid frame; null when masked.</param>
public sealed record ActivationMeasurement(int Frames, int ValidFrames, double? Activation)
{
    /// <summary>Share of the rows that are valid (0 for an empty track).</summary>
    public double ValidShare => Frames == 0 ? 0 : (double)ValidFrames / Frames;
}
