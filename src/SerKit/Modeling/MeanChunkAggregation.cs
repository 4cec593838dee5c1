using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>Mean aggregation: the utterance embedding is the average of its C chunk vectors (no parameters).</summary>
public sealed class MeanChunkAggregation : nn.Module<Tensor, Tensor>
{
    /// <summary>The parameter-free average.</summary>
    public MeanChunkAggregation() : base(nameof(MeanChunkAggregation)) { }

    /// <summary>Chunk vectors [B, C, D] → [B, D].</summary>
    public override Tensor forward(Tensor chunks) => chunks.mean([1]);

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
