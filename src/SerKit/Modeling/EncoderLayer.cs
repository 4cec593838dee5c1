using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// One transformer encoder layer, the computation and parameter names of PyTorch's
/// <c>nn.TransformerEncoderLayer(batch_first=True)</c>: <c>self_attn</c>, <c>linear1</c>, <c>linear2</c>,
/// <c>norm1</c>, <c>norm2</c>. Pre-norm (<c>norm_first</c>): x + SA(LN1(x)), then x + FF(LN2(x));
/// post-norm: LN1(x + SA(x)), then LN2(x + FF(x)).
/// </summary>
public sealed class EncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MultiheadSelfAttention _selfAttn;
    private readonly Linear _linear1;
    private readonly Linear _linear2;
    private readonly LayerNorm _norm1;
    private readonly LayerNorm _norm2;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly double _dropout;
    private readonly bool _normFirst;
    private readonly DropoutGenerator _generator;

    /// <summary>A layer of the sizes in <paramref name="config"/>.</summary>
    public EncoderLayer(EncoderConfig config, DropoutGenerator? generator = null) : base(nameof(EncoderLayer))
    {
        _generator = generator ?? new DropoutGenerator();
        _selfAttn = new MultiheadSelfAttention(config.Width, config.Heads, config.AttentionDropout ?? config.Dropout, _generator);
        _linear1 = nn.Linear(config.Width, config.FeedForward);
        _linear2 = nn.Linear(config.FeedForward, config.Width);
        _norm1 = nn.LayerNorm(config.Width, eps: 1e-5);
        _norm2 = nn.LayerNorm(config.Width, eps: 1e-5);
        _activation = Activations.Get(config.Activation);
        _dropout = config.Dropout;
        _normFirst = config.NormFirst;
        register_module("self_attn", _selfAttn);
        register_module("linear1", _linear1);
        register_module("linear2", _linear2);
        register_module("norm1", _norm1);
        register_module("norm2", _norm2);
    }

    /// <summary>[B, T, D] and the boolean key mask [B, T] → [B, T, D].</summary>
    public override Tensor forward(Tensor x, Tensor keyMask)
    {
        if (_normFirst)
        {
            x = x.add(Drop(_selfAttn.call(_norm1.call(x), keyMask)));
            return x.add(FeedForward(_norm2.call(x)));
        }
        x = _norm1.call(x.add(Drop(_selfAttn.call(x, keyMask))));
        return _norm2.call(x.add(FeedForward(x)));
    }

    private Tensor FeedForward(Tensor x) => Drop(_linear2.call(Drop(_activation(_linear1.call(x)))));

    private Tensor Drop(Tensor x) => training && _dropout > 0 ? _generator.Apply(x, _dropout) : x;

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
