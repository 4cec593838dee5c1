using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Attentive pooling over frames: score_t = wᵀ tanh(W h_t + b) + c (<c>hidden</c>, <c>score</c>),
/// α = softmax of the scores over the real frames only (padding gets weight 0), embedding = Σ_t α_t h_t.
/// </summary>
public sealed class AttentivePooling : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear _hidden;
    private readonly Linear _score;

    /// <summary>Pools vectors of <paramref name="width"/> with a scoring network of <paramref name="hiddenDim"/> units.</summary>
    public AttentivePooling(int width, int hiddenDim) : base(nameof(AttentivePooling))
    {
        _hidden = nn.Linear(width, hiddenDim);
        _score = nn.Linear(hiddenDim, 1);
        register_module("hidden", _hidden);
        register_module("score", _score);
    }

    /// <summary>Attention weights [B, T] for frames [B, T, D] under the boolean mask [B, T]; each row sums to 1 over its real frames.</summary>
    public Tensor Weights(Tensor h, Tensor mask)
    {
        var scores = _score.call(_hidden.call(h).tanh_()).squeeze(-1); // [B, T]
        return MaskedScores.Fill(scores, mask).softmax(-1);
    }

    /// <summary>[B, T, D] frames and the boolean mask [B, T] → [B, D].</summary>
    public override Tensor forward(Tensor h, Tensor mask) =>
        Weights(h, mask).unsqueeze(1).bmm(h).squeeze(1);

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
