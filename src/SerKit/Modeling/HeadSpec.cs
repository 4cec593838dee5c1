namespace SerKit.Modeling;

/// <summary>A classification head: its name (<c>t1</c>, <c>t2</c>, <c>t3</c>, <c>ser</c>) and its class names in output order.</summary>
public sealed record HeadSpec(string Name, IReadOnlyList<string> Classes)
{
    /// <summary>Throws <see cref="ArgumentException"/> when the name is not a plain identifier or the classes are fewer than two or repeated.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"head name '{Name}' must be letters, digits or '_'");
        if (Classes.Count < 2) throw new ArgumentException($"head '{Name}' needs at least two classes (got {Classes.Count})");
        if (Classes.Distinct(StringComparer.Ordinal).Count() != Classes.Count) throw new ArgumentException($"head '{Name}' repeats a class name");
    }
}
