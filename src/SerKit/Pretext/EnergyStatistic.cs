namespace SerKit.Pretext;

/// <summary>The T1 utterance statistic computed over the speech frames' energy in dB.</summary>
public enum EnergyStatistic
{
    /// <summary>Mean of the frame dB values (the default).</summary>
    Mean,

    /// <summary>Population standard deviation of the frame dB values (<c>variation</c> mode).</summary>
    Variation,
}
