using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SerKit.Audio;

/// <summary>
/// Turns an interleaved (re, im) one-sided spectrum [frames, Bins, 2] into the log-mel
/// <c>log(max(Σ_k w[k, m]·(re_k² + im_k²), floor))</c> [frames, Mels]. Only each triangle's
/// non-zero bins are visited (a banded filterbank: about two multiply-adds per bin). With AVX the
/// work runs on eight frames at once, one frame per vector lane: power rows are transposed 8×8 so
/// that each band's sum and its log are single vector operations. Every frame goes through the
/// same path (a partial last group is padded with silent lanes), so results do not depend on how
/// frames are grouped into blocks. Not thread-safe: one instance per kernel.
/// </summary>
internal sealed class MelProjection
{
    private const int Lanes = 8;
    private readonly int _bins;
    private readonly int _paddedBins;
    private readonly int _mels;
    private readonly float _floor;
    private readonly float[] _weights; // band 0's non-zero weights, then band 1's, …
    private readonly int[] _offset;    // band m's weights are _weights[_offset[m] .. _offset[m + 1])
    private readonly int[] _first;     // band m's first bin
    private readonly float[] _rows;       // [Lanes, paddedBins] power rows
    private readonly float[] _columns;    // [paddedBins, Lanes] transposed power
    private readonly float[] _bands;      // [paddedMels, Lanes] log-mel per band, frames in lanes
    private readonly float[] _bandRows;   // [Lanes, paddedMels]

    public MelProjection(MelFilterbank filterbank, float floor)
    {
        _bins = filterbank.Bins;
        _mels = filterbank.Mels;
        _floor = floor;
        _paddedBins = RoundUp(_bins);
        _offset = new int[_mels + 1];
        for (int m = 0; m < _mels; m++) _offset[m + 1] = _offset[m] + filterbank.BinCount[m];
        _weights = new float[_offset[_mels]];
        for (int m = 0; m < _mels; m++)
        {
            for (int j = 0; j < filterbank.BinCount[m]; j++) _weights[_offset[m] + j] = filterbank.Weights[(filterbank.FirstBin[m] + j) * _mels + m];
        }
        _first = (int[])filterbank.FirstBin.Clone();
        _rows = new float[Lanes * _paddedBins];
        _columns = new float[_paddedBins * Lanes];
        _bands = new float[RoundUp(_mels) * Lanes];
        _bandRows = new float[Lanes * RoundUp(_mels)];
    }

    /// <summary>Whether the eight-frames-per-vector path is used on this CPU.</summary>
    public static bool Vectorised => Avx2.IsSupported;

    private static int RoundUp(int n) => (n + Lanes - 1) / Lanes * Lanes;

    /// <summary>Computes <paramref name="frames"/> log-mel rows from <paramref name="spectrum"/> into <paramref name="output"/>.</summary>
    public void Project(ReadOnlySpan<float> spectrum, int frames, Span<float> output) => Project(spectrum, frames, output, Vectorised);

    /// <summary>As <see cref="Project(ReadOnlySpan{float}, int, Span{float})"/>, choosing the path (the vector path needs AVX2).</summary>
    internal void Project(ReadOnlySpan<float> spectrum, int frames, Span<float> output, bool vectorised)
    {
        if (spectrum.Length != frames * 2 * _bins) throw new ArgumentException($"spectrum holds {spectrum.Length} values, expected {frames} × {_bins} × 2");
        if (output.Length != frames * _mels) throw new ArgumentException($"output holds {output.Length} values, expected {frames} × {_mels}");
        if (vectorised && !Vectorised) throw new PlatformNotSupportedException("the eight-lane mel projection needs AVX2");
        if (vectorised) ProjectLanes(spectrum, frames, output);
        else ProjectScalar(spectrum, frames, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ProjectLanes(ReadOnlySpan<float> spectrum, int frames, Span<float> output)
    {
        int bins = _bins, paddedBins = _paddedBins, mels = _mels, paddedMels = RoundUp(_mels);
        var floor = Vector256.Create(_floor);
        fixed (float* spectrumStart = spectrum)
        fixed (float* outputStart = output)
        fixed (float* rows = _rows)
        fixed (float* columns = _columns)
        fixed (float* bands = _bands)
        fixed (float* bandRows = _bandRows)
        fixed (float* weights = _weights)
        fixed (int* offset = _offset)
        fixed (int* first = _first)
        {
            for (int group = 0; group < frames; group += Lanes)
            {
                int lanes = Math.Min(Lanes, frames - group);
                for (int lane = 0; lane < Lanes; lane++)
                {
                    float* row = rows + lane * paddedBins;
                    if (lane < lanes) PowerRow(spectrumStart + (long)(group + lane) * 2 * bins, row, bins);
                    else new Span<float>(row, paddedBins).Clear();
                }
                for (int k = 0; k < paddedBins; k += Lanes) Transpose8x8(rows + k, paddedBins, columns + k * Lanes, Lanes);

                for (int m = 0; m < mels; m++)
                {
                    float* w = weights + offset[m];
                    float* column = columns + first[m] * Lanes;
                    int count = offset[m + 1] - offset[m];
                    var sum = Vector256<float>.Zero;
                    for (int j = 0; j < count; j++) sum += Vector256.Create(w[j]) * Vector256.Load(column + j * Lanes);
                    Vector256.Log(Vector256.Max(sum, floor)).Store(bands + m * Lanes);
                }
                for (int m = 0; m < paddedMels; m += Lanes) Transpose8x8(bands + m * Lanes, Lanes, bandRows + m, paddedMels);
                for (int lane = 0; lane < lanes; lane++)
                {
                    new ReadOnlySpan<float>(bandRows + lane * paddedMels, mels).CopyTo(new Span<float>(outputStart + (long)(group + lane) * mels, mels));
                }
            }
        }
    }

    /// <summary>re² + im² of each bin of one interleaved row; pads the row to a multiple of 8 with zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PowerRow(float* pairs, float* power, int bins)
    {
        int k = 0;
        for (; k + 8 <= bins; k += 8)
        {
            var a = Vector256.Load(pairs + 2 * k);
            var b = Vector256.Load(pairs + 2 * k + 8);
            a *= a;
            b *= b;
            // hadd within 128-bit halves gives bins (0,1,4,5 | 2,3,6,7) order: fix with a 64-bit permute.
            var sums = Avx.HorizontalAdd(a, b);
            Avx2.Permute4x64(sums.AsDouble(), 0b11_01_10_00).AsSingle().Store(power + k);
        }
        for (; k < bins; k++)
        {
            float re = pairs[2 * k], im = pairs[2 * k + 1];
            power[k] = re * re + im * im;
        }
        for (; k % 8 != 0; k++) power[k] = 0;
    }

    /// <summary>Transposes the 8×8 block at <paramref name="source"/> (row stride in floats) into <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* source, int sourceStride, float* target, int targetStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + 2 * sourceStride);
        var r3 = Avx.LoadVector256(source + 3 * sourceStride);
        var r4 = Avx.LoadVector256(source + 4 * sourceStride);
        var r5 = Avx.LoadVector256(source + 5 * sourceStride);
        var r6 = Avx.LoadVector256(source + 6 * sourceStride);
        var r7 = Avx.LoadVector256(source + 7 * sourceStride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(target + 2 * targetStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(target + 3 * targetStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(target + 4 * targetStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(target + 5 * targetStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(target + 6 * targetStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(target + 7 * targetStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>The same computation one frame at a time, for CPUs without AVX.</summary>
    private void ProjectScalar(ReadOnlySpan<float> spectrum, int frames, Span<float> output)
    {
        var power = _rows.AsSpan(0, _bins);
        for (int t = 0; t < frames; t++)
        {
            var row = spectrum.Slice(t * 2 * _bins, 2 * _bins);
            for (int k = 0; k < _bins; k++) power[k] = row[2 * k] * row[2 * k] + row[2 * k + 1] * row[2 * k + 1];
            for (int m = 0; m < _mels; m++)
            {
                float sum = 0;
                for (int j = _offset[m]; j < _offset[m + 1]; j++) sum += _weights[j] * power[_first[m] + j - _offset[m]];
                output[t * _mels + m] = MathF.Log(MathF.Max(sum, _floor));
            }
        }
    }
}
