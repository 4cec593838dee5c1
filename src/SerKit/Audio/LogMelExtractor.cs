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
/// <c>center=False</c> on each padded block the <see cref="CentredFramer"/> hands on; |X|², the
/// mel projection and the log are done in C# on the STFT's memory by <see cref="MelProjection"/>.
/// </summary>
internal sealed class LogMelExtractor : FramedFeatureExtractor
{
    private readonly Tensor _window;      // [WindowLength]

    public LogMelExtractor(FeatureOptions options) : base(options)
    {
        TorchRuntime.Start();
        Filterbank = MelFilterbank.Create(options.SampleRate, options.NFft, options.Mels, options.FMin, options.EffectiveFMax);
        using (NewDisposeScope())
        {
            _window = hann_window(options.WindowLength, periodic: true, dtype: ScalarType.Float32).DetachFromDisposeScope();
        }
        ColumnNames = Enumerable.Range(0, options.Mels).Select(i => $"logmel_{i}").ToArray();
    }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    public override int Dimension => Options.Mels;

    public override IReadOnlyList<string> ColumnNames { get; }

    protected override IFrameKernel CreateKernel() => new Kernel(this);

    /// <summary>A projection from spectrum to log-mel with its own scratch memory (one per kernel).</summary>
    internal MelProjection CreateProjection() => new(Filterbank, Options.LogMelFloor);

    /// <summary>Computes the log-mel of one padded block into <paramref name="output"/>, row-major [frames, Mels].</summary>
    internal void LogMel(ReadOnlySpan<float> segment, int frames, Span<float> output, MelProjection projection)
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
        projection.Project(values, frames, output);
    }

    private sealed class Kernel(LogMelExtractor owner) : IFrameKernel
    {
        private readonly MelProjection _projection = owner.CreateProjection();

        public void Process(ReadOnlySpan<float> segment, int frames, Span<float> output) => owner.LogMel(segment, frames, output, _projection);

        public void Dispose() { }
    }
}
