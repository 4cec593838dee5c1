using SerKit.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) computed exactly as <c>torch.optim.Adam</c>'s single-tensor path
/// (bias-corrected, ε added after the corrected square root, optional L2 weight decay), with its state —
/// exp_avg, exp_avg_sq and the step count of every parameter — readable and writable so that a
/// checkpoint can restore it bit for bit. A parameter whose gradient is undefined in a step is
/// skipped and its step count not advanced, as in PyTorch.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private readonly (string Name, Parameter Param)[] _params;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly long[] _steps;
    private readonly TrainingOptions _o;

    /// <summary>An optimiser of <paramref name="parameters"/> (named as in the state dict) with the Adam settings of <paramref name="options"/>.</summary>
    public AdamOptimizer(IEnumerable<(string Name, Parameter Param)> parameters, TrainingOptions options)
    {
        _params = parameters.ToArray();
        _o = options;
        _expAvg = _params.Select(p => zeros_like(p.Param).requires_grad_(false).DetachFromDisposeScope()).ToArray();
        _expAvgSq = _params.Select(p => zeros_like(p.Param).requires_grad_(false).DetachFromDisposeScope()).ToArray();
        _steps = new long[_params.Length];
    }

    /// <summary>The optimised parameters' names.</summary>
    public IReadOnlyList<string> Names => _params.Select(p => p.Name).ToArray();

    /// <summary>The parameters.</summary>
    public IEnumerable<Parameter> Parameters => _params.Select(p => p.Param);

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        double b1 = _o.Beta1, b2 = _o.Beta2;
        for (int i = 0; i < _params.Length; i++)
        {
            using var scope = NewDisposeScope();
            var p = _params[i].Param;
            var grad = p.grad;
            if (grad is null) continue;
            if (_o.WeightDecay != 0) grad = grad.add(p, alpha: _o.WeightDecay);
            long step = ++_steps[i];
            _expAvg[i].mul_(b1).add_(grad, alpha: 1 - b1);
            _expAvgSq[i].mul_(b2).addcmul_(grad, grad, value: 1 - b2);
            double biasCorrection1 = 1 - Math.Pow(b1, step);
            double biasCorrection2 = 1 - Math.Pow(b2, step);
            double stepSize = _o.LearningRate / biasCorrection1;
            var denom = _expAvgSq[i].sqrt().div_(Math.Sqrt(biasCorrection2)).add_(_o.Epsilon);
            p.addcdiv_(_expAvg[i], denom, value: -stepSize);
        }
    }

    /// <summary>The state as named arrays: <c>exp_avg.&lt;name&gt;</c>, <c>exp_avg_sq.&lt;name&gt;</c>, and the step count per parameter.</summary>
    public (Dictionary<string, (long[] Shape, float[] Data)> Tensors, Dictionary<string, long> Steps) ExportState()
    {
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        var steps = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < _params.Length; i++)
        {
            tensors["exp_avg." + _params[i].Name] = ModelWeights.ToArray(_expAvg[i]);
            tensors["exp_avg_sq." + _params[i].Name] = ModelWeights.ToArray(_expAvgSq[i]);
            steps[_params[i].Name] = _steps[i];
        }
        return (tensors, steps);
    }

    /// <summary>Restores a state written by <see cref="ExportState"/>; throws naming <paramref name="source"/> when a parameter is missing or its shape differs.</summary>
    public void ImportState(IReadOnlyDictionary<string, (long[] Shape, float[] Data)> tensors, IReadOnlyDictionary<string, long> steps, string source)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _params.Length; i++)
        {
            var name = _params[i].Name;
            if (!steps.TryGetValue(name, out var step) || !tensors.TryGetValue("exp_avg." + name, out var m) || !tensors.TryGetValue("exp_avg_sq." + name, out var v))
                throw new InvalidDataException($"{source}: no optimiser state for parameter '{name}'");
            if (!m.Shape.SequenceEqual(_expAvg[i].shape) || !v.Shape.SequenceEqual(_expAvgSq[i].shape))
                throw new InvalidDataException($"{source}: optimiser state of '{name}' has the wrong shape");
            using var scope = NewDisposeScope();
            _expAvg[i].copy_(tensor(m.Data, m.Shape));
            _expAvgSq[i].copy_(tensor(v.Data, v.Shape));
            _steps[i] = step;
        }
    }

    /// <summary>Frees the state tensors.</summary>
    public void Dispose()
    {
        foreach (var t in _expAvg) t.Dispose();
        foreach (var t in _expAvgSq) t.Dispose();
    }
}
