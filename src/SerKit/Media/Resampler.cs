using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SerKit.Media;

/// <summary>
/// Streaming sample-rate converter: a polyphase windowed-sinc filter for the rational ratio
/// L/M = outRate/inRate reduced by their greatest common divisor.
/// <para>
/// Output sample n is the input evaluated at time n·M/L (input samples) through a zero-phase low-pass
/// kernel h(t) = 2f<sub>c</sub>·sinc(2f<sub>c</sub>t)·kaiser(t/W): the passband reaches 0.45·min(in, out), the
/// stopband starts at min(in, out)/2 (the lower Nyquist frequency, so nothing that would alias passes), and
/// the Kaiser window (β = 7.857) is designed for 80 dB of stopband attenuation. The L phases' taps are
/// computed once and each phase is normalised to unit DC gain. Equal rates copy samples unchanged.
/// </para>
/// <para>
/// Feed input with <see cref="Push"/>, take output with <see cref="Pull"/>, and call <see cref="Complete"/> at the
/// end of the input to flush the tail. Memory is bounded by the largest push plus the kernel; the output
/// does not depend on how the input is split into pushes. The first output sample lines up with the
/// first input sample (no delay) and the input is treated as zero outside its extent, so
/// n input samples give ceil(n·L/M) output samples.
/// </para>
/// </summary>
internal sealed class Resampler
{
    /// <summary>Stopband attenuation the Kaiser window is designed for, in dB.</summary>
    public const double DesignAttenuationDb = 80;

    /// <summary>Passband edge as a fraction of the lower of the two rates.</summary>
    public const double PassbandEdge = 0.45;

    /// <summary>Stopband edge as a fraction of the lower of the two rates (its Nyquist frequency).</summary>
    public const double StopbandEdge = 0.5;

    /// <summary>Designed tables by (in, out) rate; a batch run meets few distinct rates, so a handful are kept.</summary>
    private static readonly ConcurrentDictionary<(int In, int Out), float[]> DesignCache = new();
    private const int DesignCacheEntries = 16;

    private readonly float[] _coefficients; // phase-major: _coefficients[p * Taps + k]
    private float[] _buffer;
    private long _bufferStart;   // absolute input index of _buffer[0] (negative: the zeros before the signal)
    private int _bufferCount;
    private long _index;         // floor(n·M/L) of the next output n
    private int _phase;          // (n·M) mod L
    private long _inputCount;
    private long _outputCount;
    private long _outputTotal = -1;

    /// <summary>Designs the converter from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        int g = Gcd(inputRate, outputRate);
        Up = outputRate / g;
        Down = inputRate / g;
        if (Up == 1 && Down == 1)
        {
            HalfWidth = 1;
            _coefficients = [1f, 0f];
        }
        else
        {
            double minRate = Math.Min(inputRate, outputRate);
            double cutoff = (PassbandEdge + StopbandEdge) / 2 * minRate / inputRate;      // cycles per input sample
            double transition = (StopbandEdge - PassbandEdge) * minRate / inputRate;      // cycles per input sample
            // Kaiser's estimate of the filter length (in input samples) for the attenuation and transition width.
            double length = (DesignAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
            HalfWidth = Math.Max(2, (int)Math.Ceiling(length / 2));
            int halfWidth = HalfWidth, up = Up;
            _coefficients = DesignCache.TryGetValue((inputRate, outputRate), out var cached)
                ? cached
                : Design(up, halfWidth, cutoff, KaiserBeta(DesignAttenuationDb));
            if (cached == null && DesignCache.Count < DesignCacheEntries) DesignCache.TryAdd((inputRate, outputRate), _coefficients);
        }
        Taps = 2 * HalfWidth;
        _buffer = new float[8192 + 4 * Taps]; // room for a 4096-sample push without growing
        // Zeros before the first sample, so the first output sees a full window.
        _bufferStart = -(HalfWidth - 1);
        _bufferCount = HalfWidth - 1;
    }

    /// <summary>Input rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Interpolation factor L = outRate / gcd.</summary>
    public int Up { get; }

    /// <summary>Decimation factor M = inRate / gcd.</summary>
    public int Down { get; }

    /// <summary>Half the kernel length, in input samples.</summary>
    public int HalfWidth { get; }

    /// <summary>Input samples weighed for each output sample (2 × <see cref="HalfWidth"/>).</summary>
    public int Taps { get; }

    /// <summary>True once <see cref="Complete"/> was called and every output sample was pulled.</summary>
    public bool IsFinished => _outputTotal >= 0 && _outputCount >= _outputTotal;

    /// <summary>Output samples that <paramref name="inputSamples"/> input samples give: ceil(n·L/M).</summary>
    public long OutputLength(long inputSamples) => (inputSamples * Up + Down - 1) / Down;

    /// <summary>Appends input samples.</summary>
    public void Push(ReadOnlySpan<float> input)
    {
        if (_outputTotal >= 0) throw new InvalidOperationException("Push after Complete");
        Append(input);
        _inputCount += input.Length;
    }

    /// <summary>Marks the end of the input; the remaining output then becomes available to <see cref="Pull"/>.</summary>
    public void Complete()
    {
        if (_outputTotal >= 0) return;
        _outputTotal = OutputLength(_inputCount);
        Span<float> zeros = stackalloc float[Math.Min(HalfWidth + 1, 1024)];
        zeros.Clear();
        for (int left = HalfWidth + 1; left > 0; left -= zeros.Length) Append(zeros[..Math.Min(left, zeros.Length)]);
    }

    /// <summary>Writes as many output samples as are ready (up to <c>output.Length</c>); returns how many.</summary>
    public int Pull(Span<float> output)
    {
        int n = 0;
        var coefficients = _coefficients.AsSpan();
        var buffer = _buffer.AsSpan(0, _bufferCount);
        int taps = Taps;
        while (n < output.Length)
        {
            if (_outputTotal >= 0 ? _outputCount >= _outputTotal : _index + HalfWidth >= _bufferStart + _bufferCount) break;
            int first = (int)(_index - HalfWidth + 1 - _bufferStart);
            output[n++] = Dot(buffer.Slice(first, taps), coefficients.Slice(_phase * taps, taps));
            _outputCount++;
            _phase += Down;
            if (_phase >= Up)
            {
                _index += _phase / Up;
                _phase %= Up;
            }
        }
        return n;
    }

    private void Append(ReadOnlySpan<float> input)
    {
        // Drop samples no future output needs.
        long needed = _index - HalfWidth + 1;
        int drop = (int)Math.Clamp(needed - _bufferStart, 0, _bufferCount);
        if (drop > 0)
        {
            Array.Copy(_buffer, drop, _buffer, 0, _bufferCount - drop);
            _bufferCount -= drop;
            _bufferStart += drop;
        }
        if (_bufferCount + input.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _bufferCount + input.Length));
        input.CopyTo(_buffer.AsSpan(_bufferCount));
        _bufferCount += input.Length;
    }

    /// <summary>
    /// Taps for each of the <paramref name="phases"/> fractional offsets p/L: tap k of phase p weighs input
    /// sample floor(t) − W + 1 + k for an output at time t with fractional part p/L.
    /// </summary>
    private static float[] Design(int phases, int halfWidth, double cutoff, double beta)
    {
        int taps = 2 * halfWidth;
        var c = new float[phases * taps];
        var h = new double[taps];
        double i0Beta = BesselI0(beta);
        for (int p = 0; p < phases; p++)
        {
            double sum = 0;
            for (int k = 0; k < taps; k++)
            {
                double t = (double)p / phases + (halfWidth - 1) - k;
                double r = t / halfWidth;
                double window = Math.Abs(r) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - r * r)) / i0Beta;
                h[k] = 2 * cutoff * Sinc(2 * cutoff * t) * window;
                sum += h[k];
            }
            for (int k = 0; k < taps; k++) c[p * taps + k] = (float)(h[k] / sum);
        }
        return c;
    }

    /// <summary>Kaiser's β for a stopband attenuation of <paramref name="attenuationDb"/> dB.</summary>
    internal static double KaiserBeta(double attenuationDb) =>
        attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
        : attenuationDb >= 21 ? 0.5842 * Math.Pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21)
        : 0;

    /// <summary>Modified Bessel function of the first kind, order 0 (power series).</summary>
    internal static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>Dot product with a fixed summation order (lanes, then the tail), so results do not depend on memory alignment.</summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
