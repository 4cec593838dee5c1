using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Multi-head self-attention with PyTorch's <c>nn.MultiheadAttention</c> parameter layout
/// (<c>in_proj_weight</c> [3D, D] stacking W_q, W_k, W_v; <c>in_proj_bias</c>; <c>out_proj</c>),
/// computed with libtorch's fused <c>scaled_dot_product_attention</c>. Padding keys are excluded
/// by a boolean mask. During training with attention dropout the weights are computed explicitly
/// (softmax(q·kᵀ/√d)) and dropped with the model's <see cref="DropoutGenerator"/>.
/// </summary>
public sealed class MultiheadSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter _inProjWeight;
    private readonly Parameter _inProjBias;
    private readonly Linear _outProj;
    private readonly int _heads;
    private readonly double _dropout;
    private readonly DropoutGenerator _generator;
    private readonly Scalar _scale; // 1/√(head width), kept alive with the module (see MaskedScores)

    /// <summary>Attention of <paramref name="heads"/> heads over width <paramref name="width"/>; PyTorch's initialisation (Xavier-uniform input projection, zero biases).</summary>
    public MultiheadSelfAttention(int width, int heads, double dropout, DropoutGenerator? generator = null) : base(nameof(MultiheadSelfAttention))
    {
        _generator = generator ?? new DropoutGenerator();
        _heads = heads;
        _dropout = dropout;
        _scale = (1.0 / Math.Sqrt(width / heads)).ToScalar();
        _inProjWeight = new Parameter(empty(3L * width, width));
        _inProjBias = new Parameter(zeros(3L * width));
        _outProj = nn.Linear(width, width);
        using (no_grad())
        {
            nn.init.xavier_uniform_(_inProjWeight);
            _outProj.bias!.zero_();
        }
        register_parameter("in_proj_weight", _inProjWeight);
        register_parameter("in_proj_bias", _inProjBias);
        register_module("out_proj", _outProj);
    }

    /// <summary>[B, T, D] and a boolean key mask [B, T] (true = real frame) → [B, T, D].</summary>
    public override Tensor forward(Tensor x, Tensor keyMask)
    {
        long b = x.shape[0], t = x.shape[1], d = x.shape[2];
        var qkv = nn.functional.linear(x, _inProjWeight, _inProjBias)
            .view(b, t, 3, _heads, d / _heads)
            .permute(2, 0, 3, 1, 4); // [3, B, H, T, Dh]
        var parts = qkv.unbind(0);
        var mask = keyMask.view(b, 1, 1, t);
        Tensor attended;
        if (training && _dropout > 0)
        {
            var weights = MaskedScores.Fill(parts[0].mul(_scale).matmul(parts[1].transpose(-2, -1)), mask).softmax(-1);
            attended = _generator.Apply(weights, _dropout).matmul(parts[2]);
        }
        else attended = nn.functional.scaled_dot_product_attention(parts[0], parts[1], parts[2], attn_mask: mask);
        return _outProj.call(attended.transpose(1, 2).reshape(b, t, d));
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
