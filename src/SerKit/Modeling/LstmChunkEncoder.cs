using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// LSTM chunk encoder: a stacked unidirectional LSTM (<c>lstm</c>, PyTorch's <c>nn.LSTM(batch_first=True)</c>,
/// parameters <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>) runs over the
/// m frames of each chunk; the chunk vector is the top layer's output at the chunk's last frame.
/// </summary>
public sealed class LstmChunkEncoder : nn.Module<Tensor, Tensor>
{
    private readonly LSTM _lstm;

    /// <summary>An LSTM of <paramref name="layers"/> layers from <paramref name="inputDim"/> values per frame to <paramref name="width"/> hidden units (PyTorch's initialisation).</summary>
    public LstmChunkEncoder(int inputDim, int width, int layers) : base(nameof(LstmChunkEncoder))
    {
        _lstm = nn.LSTM(inputDim, width, layers, batchFirst: true);
        register_module("lstm", _lstm);
    }

    /// <summary>Chunks [N, m, F] → chunk vectors [N, width].</summary>
    public override Tensor forward(Tensor chunks)
    {
        var (output, hidden, cell) = _lstm.call(chunks, null);
        hidden.Dispose();
        cell.Dispose();
        return output.select(1, output.shape[1] - 1);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
