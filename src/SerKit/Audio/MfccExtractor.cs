using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SerKit.Audio;

/// <summary>
/// MFCCs: the orthonormal DCT-II of each log-mel frame, keeping c0 … c(Mfcc−1).
/// Equals torchaudio's <c>MFCC(n_mfcc, log_mels=True, melkwargs=…)</c> except for the log:
/// torchaudio takes <c>log(mel + 1e-6)</c>, SerKit <c>log(max(mel, 1e-10))</c> (the log-mel it
/// exposes as a feature), so the two agree wherever the mel power is well above 1e-6.
/// </summary>
internal sealed class MfccExtractor : FramedFeatureExtractor
{
    private readonly LogMelExtractor _logMel;
    private readonly Tensor _dct; // [Mels, Mfcc]

    public MfccExtractor(FeatureOptions options) : base(options)
    {
        _logMel = new LogMelExtractor(options with { Kind = FeatureKind.LogMel });
        DctMatrix = CreateDct(options.Mels, options.Mfcc);
        using var scope = NewDisposeScope();
        _dct = tensor(DctMatrix, new long[] { options.Mels, options.Mfcc }).DetachFromDisposeScope();
        ColumnNames = Enumerable.Range(0, options.Mfcc).Select(i => $"mfcc_{i}").ToArray();
    }

    /// <summary>The DCT-II matrix, row-major [Mels, Mfcc] (torchaudio's <c>create_dct(n_mfcc, n_mels, "ortho")</c>).</summary>
    public float[] DctMatrix { get; }

    public override int Dimension => Options.Mfcc;

    public override IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Orthonormal DCT-II basis: <c>D[n, k] = sqrt(2/M)·cos(π·k·(n + ½)/M)</c>, column 0 scaled by 1/√2.</summary>
    public static float[] CreateDct(int mels, int coefficients)
    {
        var d = new float[mels * coefficients];
        for (int n = 0; n < mels; n++)
        {
            for (int k = 0; k < coefficients; k++)
            {
                double v = Math.Sqrt(2.0 / mels) * Math.Cos(Math.PI * k * (n + 0.5) / mels);
                if (k == 0) v /= Math.Sqrt(2.0);
                d[n * coefficients + k] = (float)v;
            }
        }
        return d;
    }

    protected override IFrameKernel CreateKernel() => new Kernel(this);

    private sealed class Kernel(MfccExtractor owner) : IFrameKernel
    {
        private readonly MelProjection _projection = owner._logMel.CreateProjection();
        private readonly float[] _logMel = new float[owner.Options.BlockFrames * owner.Options.Mels];

        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output)
        {
            int mels = owner.Options.Mels;
            var logMel = _logMel.AsSpan(0, frames * mels);
            owner._logMel.LogMel(segment, frames, logMel, _projection);
            using var scope = NewDisposeScope();
            var x = empty(frames, mels);
            logMel.CopyTo(MemoryMarshal.Cast<byte, float>(x.bytes));
            var mfcc = x.mm(owner._dct);
            MemoryMarshal.Cast<byte, float>(mfcc.bytes).CopyTo(output);
        }

        public void Dispose() { }
    }
}
