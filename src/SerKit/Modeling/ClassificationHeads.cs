using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>One linear classifier per <see cref="HeadSpec"/> (<c>heads.&lt;name&gt;</c>, an <c>nn.ModuleDict</c> of <c>nn.Linear</c> in PyTorch), after dropout on the embedding.</summary>
public sealed class ClassificationHeads : nn.Module
{
    private readonly Dictionary<string, Linear> _heads = new(StringComparer.Ordinal);
    private readonly double _dropout;
    private readonly DropoutGenerator _generator;

    /// <summary>Heads on embeddings of <paramref name="width"/> values.</summary>
    public ClassificationHeads(int width, IReadOnlyList<HeadSpec> heads, double dropout, DropoutGenerator? generator = null) : base(nameof(ClassificationHeads))
    {
        _generator = generator ?? new DropoutGenerator();
        _dropout = dropout;
        foreach (var spec in heads)
        {
            spec.Validate();
            if (_heads.ContainsKey(spec.Name)) throw new ArgumentException($"head '{spec.Name}' is defined twice");
            var linear = nn.Linear(width, spec.Classes.Count);
            _heads[spec.Name] = linear;
            register_module(spec.Name, linear);
        }
    }

    /// <summary>True when a head of that name exists.</summary>
    public bool Contains(string name) => _heads.ContainsKey(name);

    /// <summary>Logits [B, classes] of head <paramref name="name"/> for embeddings [B, D].</summary>
    public Tensor Logits(string name, Tensor embedding)
    {
        if (!_heads.TryGetValue(name, out var head)) throw new ArgumentException($"the model has no head '{name}' (heads: {string.Join(", ", _heads.Keys)})");
        var x = training && _dropout > 0 ? _generator.Apply(embedding, _dropout) : embedding;
        return head.call(x);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
