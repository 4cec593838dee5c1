using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>A learned position table <c>weight</c> [MaxPositions, Width] (an <c>nn.Embedding</c> in PyTorch), initialised N(0, 0.02²).</summary>
public sealed class LearnedPositions : nn.Module<long, Tensor>
{
    private readonly Parameter _weight;

    /// <summary>A table of <paramref name="maxPositions"/> rows of <paramref name="width"/>.</summary>
    public LearnedPositions(int maxPositions, int width) : base(nameof(LearnedPositions))
    {
        _weight = new Parameter(normal(0, 0.02, new long[] { maxPositions, width }));
        register_parameter("weight", _weight);
    }

    /// <summary>The first <paramref name="frames"/> rows; throws when the sequence is longer than the table.</summary>
    public override Tensor forward(long frames)
    {
        if (frames > _weight.shape[0])
            throw new ArgumentException($"sequence of {frames} positions is longer than the learned position table ({_weight.shape[0]}); score it in windows or use sinusoidal positions");
        return _weight.narrow(0, 0, frames);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
