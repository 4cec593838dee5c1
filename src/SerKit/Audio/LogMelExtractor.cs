using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SerKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SerKit.Audio;

/// <summary>
/// Log-mel spectrogram, defined as torchaudio's
/// <c>MelSpectrogram(sample_rate, n_fft, win_length, hop_length, f_min, f_max, n_mels)</c>
/// (periodic Hann window, power 2, centred reflect-padded frames, HTK mel, no filterbank norm)
/// followed by <c>log(max(x, floor))</c>. The STFT is libtorch's <c>torch.stft</c> run with
/// <c>center=False</c> on each padded block the <see cref="CentredFramer"/> hands on. The rest is
/// done in C# on the STFT's memory: |X|² per bin, the mel projection over each triangle's few
/// non-zero bins only (a banded filterbank, about 2 multiply-adds per bin instead of a dense
/// bins × mels product), and a vectorised natural log.
/// </summary>
internal sealed class LogMelExtractor : FramedFeatureExtractor
{
    private readonly Tensor _window;      // [WindowLength]
    private readonly float[] _bandWeights; // the non-zero weights of band 0, then band 1, …
    private readonly int[] _bandOffset;    // where band m's weights start in _bandWeights

    public LogMelExtractor(FeatureOptions options) : base(options)
    {
        TorchRuntime.Start();
        Filterbank = MelFilterbank.Create(options.SampleRate, options.NFft, options.Mels, options.FMin, options.EffectiveFMax);
        using (NewDisposeScope())
        {
            _window = hann_window(options.WindowLength, periodic: true, dtype: ScalarType.Float32).DetachFromDisposeScope();
        }
        var fb = Filterbank;
        _bandOffset = new int[fb.Mels + 1];
        for (int m = 0; m < fb.Mels; m++) _bandOffset[m + 1] = _bandOffset[m] + fb.BinCount[m];
        _bandWeights = new float[_bandOffset[fb.Mels]];
        for (int m = 0; m < fb.Mels; m++)
        {
            for (int j = 0; j < fb.BinCount[m]; j++) _bandWeights[_bandOffset[m] + j] = fb.Weights[(fb.FirstBin[m] + j) * fb.Mels + m];
        }
        ColumnNames = Enumerable.Range(0, options.Mels).Select(i => $"logmel_{i}").ToArray();
    }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    public override int Dimension => Options.Mels;

    public override IReadOnlyList<string> ColumnNames { get; }

    protected override IFrameKernel CreateKernel() => new Kernel(this);

    /// <summary>Computes the log-mel of one padded block into <paramref name="output"/>, row-major [frames, Mels].</summary>
    internal void LogMel(ReadOnlySpan<float> segment, int frames, Span<float> output, Span<float> power)
    {
        var o = Options;
        int bins = Filterbank.Bins, mels = o.Mels;
        if (output.Length != frames * mels) throw new ArgumentException($"output holds {output.Length} values, expected {frames * mels}");
        using var scope = NewDisposeScope();
        var signal = empty(segment.Length, ScalarType.Float32);
        segment.CopyTo(MemoryMarshal.Cast<byte, float>(signal.bytes));
        var spectrum = stft(signal, o.NFft, o.Hop, o.WindowLength, _window, center: false, onesided: true, return_complex: true); // [Bins, frames]
        if (spectrum.shape[1] != frames) throw new InvalidOperationException($"stft gave {spectrum.shape[1]} frames for a block of {frames}");
        // spectrum is a transposed view of a [frames, Bins] complex tensor: read it as interleaved (re, im) floats.
        var pairs = view_as_real(spectrum.t()).contiguous();
        ReadOnlySpan<float> values = MemoryMarshal.Cast<byte, float>(pairs.bytes);
        if (values.Length != frames * 2 * bins) throw new InvalidOperationException($"stft gave {values.Length} values for {frames} frames of {bins} bins");
        BandedMel(values, frames, output, power);
        NaturalLog(output);
    }

    /// <summary>
    /// Mel power of each frame of an interleaved (re, im) spectrum [frames, Bins, 2], floored at
    /// <see cref="FeatureOptions.LogMelFloor"/>, into <paramref name="output"/> [frames, Mels].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BandedMel(ReadOnlySpan<float> spectrum, int frames, Span<float> output, Span<float> power)
    {
        int bins = Filterbank.Bins, mels = Options.Mels;
        if (power.Length < bins) throw new ArgumentException("power scratch too small", nameof(power));
        float floor = Options.LogMelFloor;
        fixed (float* spectrumStart = spectrum)
        fixed (float* outputStart = output)
        fixed (float* p = power)
        fixed (float* weights = _bandWeights)
        fixed (int* offset = _bandOffset)
        fixed (int* first = Filterbank.FirstBin)
        {
            for (int t = 0; t < frames; t++)
            {
                float* row = spectrumStart + (long)t * 2 * bins;
                int k = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    // Four bins per vector: square (re, im) pairs, then add each pair.
                    for (; k + 8 <= bins; k += 8)
                    {
                        var a = Vector256.Load(row + 2 * k);
                        var b = Vector256.Load(row + 2 * k + 8);
                        a *= a;
                        b *= b;
                        var even = Vector256.Shuffle(a, Vector256.Create(0, 2, 4, 6, 0, 0, 0, 0));
                        var odd = Vector256.Shuffle(a, Vector256.Create(1, 3, 5, 7, 0, 0, 0, 0));
                        var evenB = Vector256.Shuffle(b, Vector256.Create(0, 0, 0, 0, 0, 2, 4, 6));
                        var oddB = Vector256.Shuffle(b, Vector256.Create(0, 0, 0, 0, 1, 3, 5, 7));
                        var lower = even + odd;    // bins k..k+3 in lanes 0..3
                        var upper = evenB + oddB;  // bins k+4..k+7 in lanes 4..7
                        Vector256.ConditionalSelect(Vector256.Create(-1, -1, -1, -1, 0, 0, 0, 0).AsSingle(), lower, upper).Store(p + k);
                    }
                }
                for (; k < bins; k++)
                {
                    float re = row[2 * k], im = row[2 * k + 1];
                    p[k] = re * re + im * im;
                }
                float* mel = outputStart + (long)t * mels;
                for (int m = 0; m < mels; m++)
                {
                    float* w = weights + offset[m];
                    float* band = p + first[m];
                    int count = offset[m + 1] - offset[m];
                    float sum = 0;
                    for (int j = 0; j < count; j++) sum += w[j] * band[j];
                    mel[m] = sum > floor ? sum : floor;
                }
            }
        }
    }

    /// <summary>In-place natural log, eight values at a time where the CPU allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void NaturalLog(Span<float> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector256<float>>(values);
            for (int v = 0; v < vectors.Length; v++) vectors[v] = Vector256.Log(vectors[v]);
            i = vectors.Length * Vector256<float>.Count;
        }
        for (; i < values.Length; i++) values[i] = MathF.Log(values[i]);
    }

    private sealed class Kernel(LogMelExtractor owner) : IFrameKernel
    {
        private readonly float[] _power = new float[owner.Filterbank.Bins];

        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output) => owner.LogMel(segment, frames, output, _power);

        public void Dispose() { }
    }
}
