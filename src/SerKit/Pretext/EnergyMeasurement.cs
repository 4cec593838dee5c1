namespace SerKit.Pretext;

/// <summary>
/// The frame energy of one utterance reduced to T1's statistics. <see cref="MeanDb"/> and
/// <see cref="StdDb"/> are null when the utterance has too few speech frames.
/// </summary>
/// <param name="Frames">Energy frames of the utterance (25 ms / 10 ms grid).</param>
/// <param name="SpeechFrames">Frames at or above <see cref="ThresholdDb"/>.</param>
/// <param name="ReferenceDb">The reference percentile of all frame levels (dBFS).</param>
/// <param name="ThresholdDb">The speech threshold: max(reference − relative dB, floor).</param>
/// <param name="MeanDb">Mean dB of the speech frames.</param>
/// <param name="StdDb">Population standard deviation of the speech frames' dB.</param>
public sealed record EnergyMeasurement(int Frames, int SpeechFrames, double ReferenceDb, double ThresholdDb, double? MeanDb, double? StdDb)
{
    /// <summary>The statistic T1 splits on, or null without enough speech.</summary>
    public double? Statistic(EnergyStatistic kind) => kind == EnergyStatistic.Variation ? StdDb : MeanDb;
}
