using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Per-dimension standardisation of the input features with the training set's statistics,
/// held as buffers <c>mean</c> and <c>std</c> so that the weights file carries them.
/// </summary>
public sealed class InputNormalization : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <summary>Zero mean and unit deviation for <paramref name="dim"/> dimensions until <see cref="Set"/> is called.</summary>
    public InputNormalization(int dim) : base(nameof(InputNormalization))
    {
        _mean = zeros(dim);
        _std = ones(dim);
        register_buffer("mean", _mean);
        register_buffer("std", _std);
    }

    /// <summary>Copies the statistics in (one value per dimension; deviations must be positive).</summary>
    public void Set(FeatureNormalization stats)
    {
        if (stats.Mean.Length != _mean.shape[0]) throw new ArgumentException($"normalisation has {stats.Mean.Length} dimensions, the model {_mean.shape[0]}");
        using var noGrad = no_grad();
        _mean.copy_(tensor(stats.Mean));
        _std.copy_(tensor(stats.Std));
    }

    /// <summary>[B, T, F] → (x − mean) / std.</summary>
    public override Tensor forward(Tensor x) => x.sub(_mean).div_(_std);

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
