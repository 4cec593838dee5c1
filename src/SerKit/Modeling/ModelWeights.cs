using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>Copies a module's state dict (parameters and persistent buffers, PyTorch names) to and from plain float arrays.</summary>
public static class ModelWeights
{
    /// <summary>Every tensor of <paramref name="module"/>'s state dict as (shape, row-major float32 data).</summary>
    public static Dictionary<string, (long[] Shape, float[] Data)> Export(nn.Module module)
    {
        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, t) in module.state_dict()) result[name] = ToArray(t);
        return result;
    }

    /// <summary>A float32 tensor's shape and values.</summary>
    public static (long[] Shape, float[] Data) ToArray(Tensor t)
    {
        using var scope = NewDisposeScope();
        var c = t.detach().to(ScalarType.Float32).contiguous();
        var data = new float[c.numel()];
        MemoryMarshal.Cast<byte, float>(c.bytes).CopyTo(data);
        return (c.shape.ToArray(), data);
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into <paramref name="module"/>. With <paramref name="strict"/> every
    /// state-dict entry must be given and nothing else; otherwise entries are matched by name and the rest
    /// left alone. Shapes must agree. Returns the names that were copied. <paramref name="source"/> names the
    /// origin in error messages.
    /// </summary>
    public static IReadOnlyList<string> Import(nn.Module module, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> weights,
        bool strict, string source, Func<string, bool>? include = null)
    {
        var state = module.state_dict();
        if (strict)
        {
            var missing = state.Keys.Where(k => !weights.ContainsKey(k)).ToArray();
            var unexpected = weights.Keys.Where(k => !state.ContainsKey(k)).ToArray();
            if (missing.Length > 0 || unexpected.Length > 0)
                throw new InvalidDataException($"{source}: weights do not match the model config" +
                    (missing.Length > 0 ? $"; missing: {string.Join(", ", missing.Take(8))}" : "") +
                    (unexpected.Length > 0 ? $"; unexpected: {string.Join(", ", unexpected.Take(8))}" : ""));
        }
        var copied = new List<string>();
        using var noGrad = no_grad();
        foreach (var (name, target) in state)
        {
            if (!weights.TryGetValue(name, out var w) || (include != null && !include(name))) continue;
            if (!w.Shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{source}: tensor '{name}' has shape [{string.Join(", ", w.Shape)}], the model expects [{string.Join(", ", target.shape)}]");
            using var scope = NewDisposeScope();
            target.copy_(tensor(w.Data, w.Shape));
            copied.Add(name);
        }
        return copied;
    }
}
