namespace SerKit.Pretext;

/// <summary>
/// T1 settings. Frame energy is the RMS level in dBFS of a rectangular 25 ms window every
/// 10 ms (<see cref="SerKit.Audio.FeatureKind.Energy"/>). A frame is a <em>speech frame</em> when
/// its level is at least <c>max(P − RelativeDb, FloorDb)</c>, where P is the
/// <see cref="ReferencePercentile"/>-th percentile (linear interpolation) of all the
/// utterance's frame levels. An utterance with fewer than <see cref="MinSpeechFrames"/>
/// speech frames gets no T1 label.
/// </summary>
public sealed record EnergyOptions
{
    /// <summary>Mean of the speech frames' dB (default) or their standard deviation.</summary>
    public EnergyStatistic Statistic { get; init; } = EnergyStatistic.Mean;

    /// <summary>Speech frames lie within this many dB of the reference percentile; default 35.</summary>
    public double RelativeDb { get; init; } = 35;

    /// <summary>Percentile of the frame levels used as the utterance's reference level; default 95.</summary>
    public double ReferencePercentile { get; init; } = 95;

    /// <summary>Absolute floor in dBFS: quieter frames are never speech; default −60.</summary>
    public double FloorDb { get; init; } = -60;

    /// <summary>Fewest speech frames for a T1 statistic; default 1.</summary>
    public int MinSpeechFrames { get; init; } = 1;

    /// <summary>Groups for the z-normalisation; default by speaker.</summary>
    public EnergyGrouping Grouping { get; init; } = EnergyGrouping.Speaker;

    /// <summary>Manifest extra column naming an utterance's recording; default <c>recording</c>.</summary>
    public string RecordingColumn { get; init; } = "recording";

    /// <summary>
    /// Fewest utterances with a statistic in a group for its z-scores to mean anything; members
    /// of smaller groups get no T1 label. Default 2.
    /// </summary>
    public int MinGroupSize { get; init; } = 2;

    /// <summary>Energy window in samples at 16 kHz; 400 = 25 ms.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Hop in samples at 16 kHz; 160 = 10 ms.</summary>
    public int Hop { get; init; } = 160;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Statistic)) throw new ArgumentException($"T1: unknown statistic {Statistic}");
        if (!Enum.IsDefined(Grouping)) throw new ArgumentException($"T1: unknown grouping {Grouping}");
        if (!(RelativeDb > 0)) throw new ArgumentException($"T1: the relative speech threshold must be positive (got {RelativeDb} dB)");
        if (!(ReferencePercentile >= 0 && ReferencePercentile <= 100)) throw new ArgumentException($"T1: the reference percentile must be in 0..100 (got {ReferencePercentile})");
        if (!double.IsFinite(FloorDb)) throw new ArgumentException($"T1: the floor must be a finite dB value (got {FloorDb})");
        if (MinSpeechFrames < 1) throw new ArgumentException($"T1: the minimum number of speech frames must be at least 1 (got {MinSpeechFrames})");
        if (MinGroupSize < 1) throw new ArgumentException($"T1: the minimum group size must be at least 1 (got {MinGroupSize})");
        if (string.IsNullOrWhiteSpace(RecordingColumn)) throw new ArgumentException("T1: the recording column name is empty");
    }
}
