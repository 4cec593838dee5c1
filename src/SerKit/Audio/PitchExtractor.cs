using System.Numerics;
using System.Runtime.CompilerServices;

namespace SerKit.Audio;

/// <summary>
/// F0 and voicing with the YIN method (de Cheveigné &amp; Kawahara, 2002) on the shared centred
/// frame grid, with an <see cref="FeatureOptions.F0WindowLength"/>-sample frame (40 ms by default).
/// For every lag τ the difference function <c>d(τ) = Σ_j (x[s+j] − x[s+j+τ])²</c> compares two
/// <c>W = F0WindowLength − τmax − 1</c>-sample stretches placed symmetrically about the frame
/// centre; <c>d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k)</c> is its cumulative-mean-normalised form (the
/// aperiodicity). The chosen lag is the first local minimum of d' below
/// <see cref="FeatureOptions.VoicingThreshold"/> within [sr/F0Max, sr/F0Min] (else the global
/// minimum), refined by a parabola through d at its neighbours. Columns: <c>f0_hz</c> (0 when
/// unvoiced) and <c>voicing</c> = <c>1 − d'(τ)</c> clamped to [0, 1], forced to 0 for frames quieter
/// than <see cref="FeatureOptions.F0SilenceDb"/>. A frame is voiced — and has <c>f0_hz &gt; 0</c> —
/// exactly when <c>voicing &gt; 1 − VoicingThreshold</c>.
/// </summary>
internal sealed class PitchExtractor : FramedFeatureExtractor
{
    private static readonly string[] Names = ["f0_hz", "voicing"];

    public PitchExtractor(FeatureOptions options) : base(options)
    {
        MinLag = Math.Max(2, (int)Math.Floor(options.SampleRate / options.F0Max));
        MaxLag = (int)Math.Ceiling(options.SampleRate / options.F0Min);
        IntegrationLength = options.F0WindowLength - MaxLag - 1;
    }

    /// <summary>Shortest lag searched (samples): the period of <see cref="FeatureOptions.F0Max"/>.</summary>
    public int MinLag { get; }

    /// <summary>Longest lag searched (samples): the period of <see cref="FeatureOptions.F0Min"/>.</summary>
    public int MaxLag { get; }

    /// <summary>Samples summed in the difference function for each lag.</summary>
    public int IntegrationLength { get; }

    public override int Dimension => 2;

    public override IReadOnlyList<string> ColumnNames => Names;

    protected override IFrameKernel CreateKernel() => new Kernel(this);

    private sealed class Kernel(PitchExtractor owner) : IFrameKernel
    {
        private readonly float[] _difference = new float[owner.MaxLag + 2];
        private readonly float[] _normalised = new float[owner.MaxLag + 2];

        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output)
        {
            var o = owner.Options;
            for (int t = 0; t < frames; t++)
            {
                var frame = segment.Slice(t * o.Hop, o.F0WindowLength);
                Analyse(frame, out float f0, out float voicing);
                output[2 * t] = f0;
                output[2 * t + 1] = voicing;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Analyse(ReadOnlySpan<float> frame, out float f0, out float voicing)
        {
            var o = owner.Options;
            int length = frame.Length, span = owner.IntegrationLength, maxLag = owner.MaxLag, minLag = owner.MinLag;
            var d = _difference;
            var dn = _normalised;
            d[0] = 0;
            dn[0] = 1;
            double cumulative = 0;
            for (int tau = 1; tau <= maxLag + 1; tau++)
            {
                int start = (length - span - tau) / 2;
                d[tau] = SquaredDistance(frame.Slice(start, span), frame.Slice(start + tau, span));
                cumulative += d[tau];
                dn[tau] = cumulative > 0 ? (float)(d[tau] * tau / cumulative) : 1f;
            }

            int best = -1;
            for (int tau = minLag; tau <= maxLag; tau++)
            {
                if (dn[tau] < o.VoicingThreshold)
                {
                    while (tau + 1 <= maxLag && dn[tau + 1] < dn[tau]) tau++;
                    best = tau;
                    break;
                }
            }
            if (best < 0)
            {
                best = minLag;
                for (int tau = minLag + 1; tau <= maxLag; tau++) if (dn[tau] < dn[best]) best = tau;
            }

            bool loud = EnergyExtractor.FrameDb(frame, float.NegativeInfinity) >= o.F0SilenceDb;
            float aperiodicity = dn[best];
            voicing = loud ? Math.Clamp(1f - aperiodicity, 0f, 1f) : 0f;
            if (!loud || aperiodicity >= o.VoicingThreshold)
            {
                f0 = 0;
                return;
            }
            double a = d[best - 1], b = d[best], c = d[best + 1];
            double curvature = a - 2 * b + c;
            double shift = curvature > 0 ? 0.5 * (a - c) / curvature : 0;
            if (Math.Abs(shift) > 1) shift = 0;
            f0 = (float)(o.SampleRate / (best + shift));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            var sum = Vector<float>.Zero;
            int i = 0, width = Vector<float>.Count;
            for (; i + width <= a.Length; i += width)
            {
                var diff = new Vector<float>(a.Slice(i, width)) - new Vector<float>(b.Slice(i, width));
                sum += diff * diff;
            }
            float total = Vector.Sum(sum);
            for (; i < a.Length; i++)
            {
                float diff = a[i] - b[i];
                total += diff * diff;
            }
            return total;
        }

        public void Dispose() { }
    }
}
