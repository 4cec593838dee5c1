using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// The sinusoidal position code of Vaswani et al. (2017): PE[t, 2i] = sin(t / 10000^(2i/D)),
/// PE[t, 2i+1] = cos(t / 10000^(2i/D)). No parameters; any length.
/// </summary>
public static class SinusoidalPositions
{
    /// <summary>[<paramref name="frames"/>, <paramref name="width"/>] float32 (width must be even).</summary>
    public static Tensor Table(long frames, int width, Device? device = null)
    {
        if (width % 2 != 0) throw new ArgumentException($"sinusoidal positions need an even width (got {width})");
        var position = arange(frames, ScalarType.Float32, device).unsqueeze(1);                                  // [T, 1]
        var frequency = arange(0, width, 2, ScalarType.Float32, device).mul(-Math.Log(10000.0) / width).exp_(); // [D/2]
        var angle = position.mul(frequency.unsqueeze(0));                                                      // [T, D/2]
        return stack(new[] { angle.sin(), angle.cos() }, dim: -1).reshape(frames, width);                      // interleaved
    }
}
