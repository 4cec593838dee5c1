using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// The transformer encoder: <c>layers.i</c> (<see cref="EncoderLayer"/>) and, for pre-norm layers,
/// a final LayerNorm <c>norm</c> — PyTorch's <c>nn.TransformerEncoder(layer, num_layers, norm)</c>.
/// </summary>
public sealed class TransformerStack : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<EncoderLayer> _layers = new();
    private readonly LayerNorm? _norm;

    /// <summary>The stack of <paramref name="config"/>.</summary>
    public TransformerStack(EncoderConfig config, DropoutGenerator? generator = null) : base(nameof(TransformerStack))
    {
        for (int i = 0; i < config.Layers; i++) _layers.Add(new EncoderLayer(config, generator));
        register_module("layers", _layers);
        if (config.NormFirst)
        {
            _norm = nn.LayerNorm(config.Width, eps: 1e-5);
            register_module("norm", _norm);
        }
    }

    /// <summary>[B, T, D] and the boolean key mask [B, T] → [B, T, D].</summary>
    public override Tensor forward(Tensor x, Tensor keyMask)
    {
        foreach (var layer in _layers) x = layer.call(x, keyMask);
        return _norm is null ? x : _norm.call(x);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
