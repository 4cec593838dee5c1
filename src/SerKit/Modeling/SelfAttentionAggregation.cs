using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Self-attention over chunks: sinusoidal positions of the chunk index are added to the chunk vectors, one
/// transformer encoder layer (<c>encoder</c>, PyTorch's <c>nn.TransformerEncoder</c> with one
/// <c>nn.TransformerEncoderLayer</c> of the config's heads, feed-forward size, activation, dropout and
/// pre-/post-norm, plus the final LayerNorm for pre-norm) lets every chunk attend to the others, and the
/// embedding is the mean of its outputs over the C chunks.
/// </summary>
public sealed class SelfAttentionAggregation : nn.Module<Tensor, Tensor>
{
    private readonly TransformerStack _encoder;
    private readonly int _width;

    /// <summary>One layer of the sizes in <paramref name="config"/>; dropout masks come from <paramref name="generator"/>.</summary>
    public SelfAttentionAggregation(EncoderConfig config, DropoutGenerator generator) : base(nameof(SelfAttentionAggregation))
    {
        if (config.Width % 2 != 0) throw new ArgumentException($"invalid encoder config: self-attention aggregation adds sinusoidal positions, which need an even width (got {config.Width})");
        _width = config.Width;
        _encoder = new TransformerStack(config with { Layers = 1 }, generator);
        register_module("encoder", _encoder);
    }

    /// <summary>Chunk vectors [B, C, D] → [B, D].</summary>
    public override Tensor forward(Tensor chunks)
    {
        long b = chunks.shape[0], c = chunks.shape[1];
        using var mask = ones(new[] { b, c }, ScalarType.Bool, chunks.device);
        var x = chunks.add(SinusoidalPositions.Table(c, _width, chunks.device));
        return _encoder.call(x, mask).mean([1]);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
