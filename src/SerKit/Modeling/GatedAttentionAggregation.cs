using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Gated attention over chunks (Ilse et al.'s gated attention pooling): score_c = wᵀ (tanh(V h_c + b_V) ⊙ σ(U h_c + b_U)) + b
/// (<c>attention_v</c>, <c>attention_u</c>, <c>score</c>), α = softmax over the C chunks, embedding = Σ_c α_c h_c.
/// The sigmoid gate lets the network switch off directions of the tanh scoring that a chunk does not support.
/// </summary>
public sealed class GatedAttentionAggregation : nn.Module<Tensor, Tensor>
{
    private readonly Linear _attentionV;
    private readonly Linear _attentionU;
    private readonly Linear _score;

    /// <summary>Aggregates vectors of <paramref name="width"/> with <paramref name="hiddenDim"/> scoring units.</summary>
    public GatedAttentionAggregation(int width, int hiddenDim) : base(nameof(GatedAttentionAggregation))
    {
        _attentionV = nn.Linear(width, hiddenDim);
        _attentionU = nn.Linear(width, hiddenDim);
        _score = nn.Linear(hiddenDim, 1);
        register_module("attention_v", _attentionV);
        register_module("attention_u", _attentionU);
        register_module("score", _score);
    }

    /// <summary>Attention weights [B, C] for chunk vectors [B, C, D]; each row sums to 1.</summary>
    public Tensor Weights(Tensor chunks) =>
        _score.call(_attentionV.call(chunks).tanh_().mul(_attentionU.call(chunks).sigmoid_())).squeeze(-1).softmax(-1);

    /// <summary>Chunk vectors [B, C, D] → [B, D].</summary>
    public override Tensor forward(Tensor chunks) => Weights(chunks).unsqueeze(1).bmm(chunks).squeeze(1);

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
