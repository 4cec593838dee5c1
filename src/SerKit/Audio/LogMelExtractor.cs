using System.Runtime.InteropServices;
using SerKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SerKit.Audio;

/// <summary>
/// Log-mel spectrogram, defined as torchaudio's
/// <c>MelSpectrogram(sample_rate, n_fft, win_length, hop_length, f_min, f_max, n_mels)</c>
/// (periodic Hann window, power 2, centred reflect-padded frames, HTK mel, no filterbank norm)
/// followed by <c>log(max(x, floor))</c>. The STFT is libtorch's <c>torch.stft</c> run with
/// <c>center=False</c> on each padded block the <see cref="CentredFramer"/> hands on; the power
/// spectrum and the mel projection are fused into one matrix product: the spectrum seen as
/// interleaved (re, im) pairs is squared in place and multiplied by the filterbank with each bin's
/// row repeated twice, which sums re² + im² inside the product.
/// </summary>
internal sealed class LogMelExtractor : FramedFeatureExtractor
{
    private readonly Tensor _window;            // [WindowLength]
    private readonly Tensor _pairedFilterbank;  // [2·Bins, Mels]: row 2k and 2k+1 are bin k's weights

    public LogMelExtractor(FeatureOptions options) : base(options)
    {
        TorchRuntime.Start();
        Filterbank = MelFilterbank.Create(options.SampleRate, options.NFft, options.Mels, options.FMin, options.EffectiveFMax);
        using var scope = NewDisposeScope();
        _window = hann_window(options.WindowLength, periodic: true, dtype: ScalarType.Float32).DetachFromDisposeScope();
        var fb = tensor(Filterbank.Weights, new long[] { Filterbank.Bins, Filterbank.Mels });
        _pairedFilterbank = fb.repeat_interleave(2, 0).contiguous().DetachFromDisposeScope();
        ColumnNames = Enumerable.Range(0, options.Mels).Select(i => $"logmel_{i}").ToArray();
    }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    public override int Dimension => Options.Mels;

    public override IReadOnlyList<string> ColumnNames { get; }

    protected override IFrameKernel CreateKernel() => new Kernel(this);

    /// <summary>
    /// Log-mel of one padded block as a [frames, Mels] tensor, registered in the caller's dispose scope.
    /// </summary>
    internal Tensor LogMel(ReadOnlySpan<float> segment, int frames)
    {
        var o = Options;
        var signal = empty(segment.Length, ScalarType.Float32);
        segment.CopyTo(MemoryMarshal.Cast<byte, float>(signal.bytes));
        var spectrum = stft(signal, o.NFft, o.Hop, o.WindowLength, _window, center: false, onesided: true, return_complex: true); // [Bins, frames]
        if (spectrum.shape[1] != frames) throw new InvalidOperationException($"stft gave {spectrum.shape[1]} frames for a block of {frames}");
        // spectrum is a transposed view of a contiguous [frames, Bins] complex tensor: read it as [frames, 2·Bins] floats.
        var pairs = view_as_real(spectrum.t()).reshape(frames, 2 * Filterbank.Bins).pow_(2);
        return pairs.mm(_pairedFilterbank).clamp_min_(o.LogMelFloor).log_(); // [frames, Mels]
    }

    /// <summary>Copies a contiguous float32 tensor into <paramref name="output"/>.</summary>
    internal static void CopyOut(Tensor values, Span<float> output)
    {
        var source = MemoryMarshal.Cast<byte, float>(values.contiguous().bytes);
        if (source.Length != output.Length) throw new InvalidOperationException($"block has {source.Length} values, expected {output.Length}");
        source.CopyTo(output);
    }

    private sealed class Kernel(LogMelExtractor owner) : IFrameKernel
    {
        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output)
        {
            using var scope = NewDisposeScope();
            CopyOut(owner.LogMel(segment, frames), output);
        }

        public void Dispose() { }
    }
}
