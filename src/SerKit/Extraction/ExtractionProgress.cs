namespace SerKit.Extraction;

/// <summary>A progress report of a running extraction (counts are for this shard).</summary>
public sealed record ExtractionProgress(
    int Total, int Done, int Skipped, int Failed, double AudioSeconds, TimeSpan Elapsed, string? Current)
{
    /// <summary>Utterances finished one way or another.</summary>
    public int Finished => Done + Skipped + Failed;

    /// <summary>Seconds of audio processed per wall-clock second (0 before the first one).</summary>
    public double RealTimeFactor => Elapsed.TotalSeconds > 0 ? AudioSeconds / Elapsed.TotalSeconds : 0;
}
