using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>The activations an <see cref="EncoderConfig"/> may name, as PyTorch computes them (exact, erf-based GELU).</summary>
internal static class Activations
{
    public static Func<Tensor, Tensor> Get(string name) => name switch
    {
        "gelu" => x => nn.functional.gelu(x),
        "relu" => x => nn.functional.relu(x),
        _ => throw new ArgumentException($"unknown activation '{name}' (gelu or relu)"),
    };
}
