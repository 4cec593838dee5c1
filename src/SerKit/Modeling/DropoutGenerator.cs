using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Dropout masks from a counter-based generator, computed in C# with SIMD and written straight into
/// the mask tensor's memory. libtorch's CPU dropout draws one Mersenne-Twister number per element
/// (about 5 ns each); this generator derives 16 random bits per element from a SplitMix64 hash of
/// (key, call number, element block) with AVX-512 or AVX2 vectors, about 20× faster, and the bits of an element depend only on
/// those three numbers — never on the thread count or on how the work is split. An element is kept
/// when its 16 bits are at least round(p·65536) (so the drop probability is p to within 1/65536) and
/// scaled by 1/(1 − p), as <c>torch.nn.functional.dropout</c> does. Not thread-safe: one generator
/// per model, used by the training thread.
/// </summary>
public sealed class DropoutGenerator
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _key;
    private ulong _calls;

    /// <summary>A generator with key <paramref name="seed"/>.</summary>
    public DropoutGenerator(long seed = 0) => Reseed(seed);

    /// <summary>Threads that fill large masks (results do not depend on it).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    public void Reseed(long seed)
    {
        _key = Mix(unchecked((ulong)seed) + Golden);
        _calls = 0;
    }

    /// <summary>Applies dropout with probability <paramref name="p"/> to <paramref name="x"/> (a new tensor; differentiable).</summary>
    public Tensor Apply(Tensor x, double p)
    {
        if (p <= 0) return x;
        return x.mul(Mask(x.shape, p, x.device));
    }

    /// <summary>A float32 mask of <paramref name="shape"/>: 0 for dropped elements, 1/(1 − p) for kept ones.</summary>
    public Tensor Mask(long[] shape, double p, Device? device = null)
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1) (got {p})");
        var mask = empty(shape, ScalarType.Float32);
        var values = MemoryMarshal.Cast<byte, float>(mask.bytes);
        ulong key = Mix(_key ^ (++_calls * 0xD1B54A32D192ED03UL));
        Fill(values, key, Threshold(p), (float)(1.0 / (1.0 - p)), Threads);
        return device is null || device.type == TorchSharp.DeviceType.CPU ? mask : mask.to(device);
    }

    /// <summary>The 16-bit threshold below which an element is dropped.</summary>
    internal static ushort Threshold(double p) => (ushort)Math.Min(65535, Math.Round(p * 65536));

    /// <summary>Fills <paramref name="values"/> (elements 0…n−1 of one mask) in chunks on up to <paramref name="threads"/> threads.</summary>
    internal static void Fill(Span<float> values, ulong key, ushort threshold, float scale, int threads)
    {
        const int chunk = 1 << 16; // a multiple of 32 elements
        int n = values.Length;
        if (threads <= 1 || n <= 2 * chunk)
        {
            FillRange(values, 0, key, threshold, scale);
            return;
        }
        unsafe
        {
            fixed (float* basePtr = values)
            {
                var ptr = (IntPtr)basePtr;
                Parallel.For(0, (n + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
                {
                    int start = c * chunk, count = Math.Min(chunk, n - start);
                    FillRange(new Span<float>((float*)ptr + start, count), start, key, threshold, scale);
                });
            }
        }
    }

    /// <summary>
    /// Elements <paramref name="first"/>… of the mask (first is a multiple of 4) into <paramref name="values"/>, with
    /// vectors of at most <paramref name="vectorBits"/> bits (512, 256, or 0 for scalar code; the result is the same).
    /// </summary>
    internal static void FillRange(Span<float> values, long first, ulong key, ushort threshold, float scale, int vectorBits = 512)
    {
        int i = 0;
        ulong block = (ulong)first / 4; // 4 elements per 64-bit hash
        if (vectorBits >= 512 && Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            var t = Vector512.Create(threshold);
            var s = Vector512.Create(BitConverter.SingleToInt32Bits(scale));
            ref float dest = ref MemoryMarshal.GetReference(values);
            for (; i + 32 <= values.Length; i += 32, block += 8)
            {
                var h = MixVector(Vector512.Create(key) + (Vector512.Create(block) + lanes + Vector512<ulong>.One) * Vector512.Create(Golden));
                var keep = Vector512.GreaterThanOrEqual(h.AsUInt16(), t).AsInt16();
                var (lo, hi) = Vector512.Widen(keep);
                (lo & s).AsSingle().StoreUnsafe(ref dest, (nuint)i);
                (hi & s).AsSingle().StoreUnsafe(ref dest, (nuint)(i + 16));
            }
        }
        else if (vectorBits >= 256 && Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(0UL, 1, 2, 3);
            var t = Vector256.Create(threshold);
            var s = Vector256.Create(BitConverter.SingleToInt32Bits(scale));
            ref float dest = ref MemoryMarshal.GetReference(values);
            for (; i + 16 <= values.Length; i += 16, block += 4)
            {
                var h = MixVector(Vector256.Create(key) + (Vector256.Create(block) + lanes + Vector256<ulong>.One) * Vector256.Create(Golden));
                var keep = Vector256.GreaterThanOrEqual(h.AsUInt16(), t).AsInt16();
                var (lo, hi) = Vector256.Widen(keep);
                (lo & s).AsSingle().StoreUnsafe(ref dest, (nuint)i);
                (hi & s).AsSingle().StoreUnsafe(ref dest, (nuint)(i + 8));
            }
        }
        for (; i < values.Length; i++)
        {
            long index = first + i;
            ulong h = Mix(key + ((ulong)index / 4 + 1) * Golden);
            ushort u = (ushort)(h >> (int)(16 * ((ulong)index % 4)));
            values[i] = u >= threshold ? scale : 0f;
        }
    }

    /// <summary>The SplitMix64 output function.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static Vector256<ulong> MixVector(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    private static Vector512<ulong> MixVector(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }
}
