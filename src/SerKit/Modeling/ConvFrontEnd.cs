using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Convolutional front end: Conv1d layers (<c>layers.i</c>, kernel <see cref="EncoderConfig.ConvKernel"/>,
/// zero padding kernel/2, one stride per layer) each followed by the activation. Padding frames are
/// zeroed before every convolution, so a padded sequence gives the same outputs on its real frames
/// as the same sequence alone.
/// </summary>
public sealed class ConvFrontEnd : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Conv1d> _layers = new();
    private readonly EncoderConfig _config;
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Builds the layers of <paramref name="config"/>.</summary>
    public ConvFrontEnd(EncoderConfig config) : base(nameof(ConvFrontEnd))
    {
        _config = config;
        _activation = Activations.Get(config.Activation);
        long channels = config.InputDim;
        foreach (var stride in config.ConvStrides)
        {
            _layers.Add(nn.Conv1d(channels, config.Width, config.ConvKernel, stride: stride, padding: config.ConvKernel / 2));
            channels = config.Width;
        }
        register_module("layers", _layers);
    }

    /// <summary>Valid frames after each layer: L → (L + 2·(k/2) − k) / stride + 1.</summary>
    public Tensor OutputLengths(Tensor lengths)
    {
        int pad = _config.ConvKernel / 2;
        foreach (var s in _config.ConvStrides) lengths = lengths.add(2 * pad - _config.ConvKernel).div(s, rounding_mode: RoundingMode.floor).add(1);
        return lengths;
    }

    /// <summary>[B, T, F] features and [B] lengths → [B, T', Width], zero on padding.</summary>
    public override Tensor forward(Tensor x, Tensor lengths)
    {
        x = x.transpose(1, 2); // [B, F, T]
        int pad = _config.ConvKernel / 2;
        for (int i = 0; i < _layers.Count; i++)
        {
            x = x.mul(SequenceMasks.FromLengths(lengths, x.shape[2]).unsqueeze(1));
            x = _activation(_layers[i].call(x));
            lengths = lengths.add(2 * pad - _config.ConvKernel).div(_config.ConvStrides[i], rounding_mode: RoundingMode.floor).add(1);
        }
        x = x.mul(SequenceMasks.FromLengths(lengths, x.shape[2]).unsqueeze(1));
        return x.transpose(1, 2); // [B, T', Width]
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
