using SerKit.Pretext;

namespace SerKit.Experiments;

/// <summary>Pretext-label settings of a recipe (DESIGN.md section 3); labels are computed per corpus (median split within each corpus).</summary>
public sealed record PretextRecipe
{
    /// <summary>T1 (energy) settings.</summary>
    public EnergyOptions Energy { get; init; } = new();

    /// <summary>Face-evidence settings of T2 and T3.</summary>
    public FaceEvidenceOptions Face { get; init; } = new();

    /// <summary>T3 rule table (an <c>au-rules.json</c>); null = the built-in table of DESIGN.md.</summary>
    public string? Rules { get; init; }

    /// <summary>Loss weight of each task in pre-training (keys <c>t1</c>, <c>t2</c>, <c>t3</c>; missing = 1).</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        try
        {
            Energy.Validate();
            Face.Validate();
        }
        catch (ArgumentException e) { throw new ArgumentException($"pretext: {e.Message}", e); }
        foreach (var (task, weight) in Weights)
        {
            if (task is not ("t1" or "t2" or "t3")) throw new ArgumentException($"pretext.weights: unknown task '{task}' (t1, t2, t3)");
            if (!(weight >= 0) || double.IsInfinity(weight)) throw new ArgumentException($"pretext.weights.{task}: must be a non-negative number (got {weight})");
        }
    }

    /// <summary>The weight of <paramref name="task"/>.</summary>
    public double WeightOf(string task) => Weights.TryGetValue(task, out var w) ? w : 1.0;
}
