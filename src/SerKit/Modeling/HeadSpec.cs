using System.Text.Json.Serialization;

namespace SerKit.Modeling;

/// <summary>
/// A head: its name (<c>t1</c>, <c>t2</c>, <c>t3</c>, <c>ser</c>, <c>attributes</c>, …) and its output names in order — the class
/// names of a classification head, the attribute names of a regression head (<see cref="Kind"/>). A regression head's raw
/// output k is a standardised value: the attribute is <c>TargetMean[k] + TargetStd[k] · output[k]</c>. In <c>config.json</c> the
/// kind and the target statistics are written only for regression heads, so older configs read unchanged as classification heads.
/// </summary>
public sealed record HeadSpec(string Name, IReadOnlyList<string> Classes)
{
    /// <summary>Classification (default) or regression.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public HeadKind Kind { get; init; }

    /// <summary>Regression heads: the training-set mean of each target (the output is standardised with it); null for classification heads.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? TargetMean { get; init; }

    /// <summary>Regression heads: the training-set standard deviation of each target; null for classification heads.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? TargetStd { get; init; }

    /// <summary>True for a regression head.</summary>
    [JsonIgnore]
    public bool IsRegression => Kind == HeadKind.Regression;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the name is not a plain identifier, the output names are repeated, a
    /// classification head has fewer than two classes (or target statistics), or a regression head has no output or target
    /// statistics of the wrong length or not finite (standard deviations positive).
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"head name '{Name}' must be letters, digits or '_'");
        if (Classes.Distinct(StringComparer.Ordinal).Count() != Classes.Count) throw new ArgumentException($"head '{Name}' repeats a {(IsRegression ? "output" : "class")} name");
        if (!IsRegression)
        {
            if (Classes.Count < 2) throw new ArgumentException($"head '{Name}' needs at least two classes (got {Classes.Count})");
            if (TargetMean is not null || TargetStd is not null) throw new ArgumentException($"head '{Name}' is a classification head and cannot have target statistics");
            return;
        }
        if (Classes.Count < 1) throw new ArgumentException($"regression head '{Name}' needs at least one output");
        if (TargetMean is null || TargetStd is null) throw new ArgumentException($"regression head '{Name}' needs target_mean and target_std");
        if (TargetMean.Count != Classes.Count || TargetStd.Count != Classes.Count)
            throw new ArgumentException($"regression head '{Name}' has {Classes.Count} outputs but {TargetMean.Count} means and {TargetStd.Count} standard deviations");
        if (TargetMean.Any(v => !double.IsFinite(v)) || TargetStd.Any(v => !double.IsFinite(v) || v <= 0))
            throw new ArgumentException($"regression head '{Name}': target means must be finite and standard deviations positive");
    }
}
