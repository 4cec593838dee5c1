namespace SerKit.Face;

/// <summary>A progress report of a running <see cref="FaceBatchJob"/> (counts are for this shard).</summary>
public sealed record FaceBatchProgress(int Total, int Done, int Skipped, int Failed, long Frames, TimeSpan Elapsed)
{
    /// <summary>Videos finished one way or another.</summary>
    public int Finished => Done + Skipped + Failed;

    /// <summary>Video frames processed per wall-clock second.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;
}
