using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// CNN chunk encoder: the front end's Conv1d stack (<c>layers.i</c>: kernel <see cref="EncoderConfig.ConvKernel"/>,
/// zero padding kernel/2, one layer per entry of <see cref="EncoderConfig.ConvStrides"/>, <see cref="EncoderConfig.Width"/>
/// channels, each followed by the activation) over the m frames of each chunk, then the mean over the chunk's
/// output frames. Every chunk is m real frames long, so no masking is needed.
/// </summary>
public sealed class CnnChunkEncoder : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv1d> _layers = new();
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>The layers of <paramref name="config"/> (PyTorch's initialisation).</summary>
    public CnnChunkEncoder(EncoderConfig config) : base(nameof(CnnChunkEncoder))
    {
        _activation = Activations.Get(config.Activation);
        long channels = config.InputDim;
        foreach (var stride in config.ConvStrides)
        {
            _layers.Add(nn.Conv1d(channels, config.Width, config.ConvKernel, stride: stride, padding: config.ConvKernel / 2));
            channels = config.Width;
        }
        register_module("layers", _layers);
    }

    /// <summary>Chunks [N, m, F] → chunk vectors [N, width].</summary>
    public override Tensor forward(Tensor chunks)
    {
        var x = chunks.transpose(1, 2); // [N, F, m]
        foreach (var conv in _layers) x = _activation(conv.call(x));
        return x.mean([2]);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
