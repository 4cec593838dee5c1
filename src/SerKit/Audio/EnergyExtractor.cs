namespace SerKit.Audio;

/// <summary>
/// Frame RMS energy in dB relative to full scale: <c>max(20·log10(rms), EnergyFloorDb)</c> with
/// <c>rms = sqrt(mean(x²))</c> over a rectangular <see cref="FeatureOptions.WindowLength"/>-sample frame
/// centred on sample <c>t·Hop</c> (reflect padding at the ends, the log-mel's frame grid).
/// A full-scale sine gives −3.01 dB; the default floor of −100 dB is below 16-bit quantisation noise.
/// </summary>
internal sealed class EnergyExtractor : FramedFeatureExtractor
{
    private static readonly string[] Names = ["energy_db"];

    public EnergyExtractor(FeatureOptions options) : base(options) { }

    public override int Dimension => 1;

    public override IReadOnlyList<string> ColumnNames => Names;

    /// <summary>RMS level in dBFS of one frame, floored at <paramref name="floorDb"/>.</summary>
    public static float FrameDb(ReadOnlySpan<float> frame, float floorDb)
    {
        double sum = 0;
        foreach (var v in frame) sum += (double)v * v;
        double meanSquare = sum / frame.Length;
        if (meanSquare <= 0) return floorDb;
        return (float)Math.Max(10.0 * Math.Log10(meanSquare), floorDb);
    }

    protected override IFrameKernel CreateKernel() => new Kernel(Options);

    private sealed class Kernel(FeatureOptions options) : IFrameKernel
    {
        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output)
        {
            int length = options.WindowLength, hop = options.Hop;
            for (int t = 0; t < frames; t++) output[t] = FrameDb(segment.Slice(t * hop, length), options.EnergyFloorDb);
        }

        public void Dispose() { }
    }
}
