namespace SerKit.Attributes;

/// <summary>The emotional attributes SerKit regresses by default and how a list of them is given on the command line.</summary>
public static class EmotionalAttributes
{
    /// <summary>Arousal (activation), valence (pleasantness), dominance (control): the manifest columns read by default.</summary>
    public static IReadOnlyList<string> Default { get; } = ["arousal", "valence", "dominance"];

    /// <summary>Parses a comma-separated list (<c>arousal,valence,dominance</c>); throws <see cref="ArgumentException"/> on an empty or repeated name.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Validate(names);
        return names;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the list is empty, repeats a name or holds a name that is not letters, digits, '_' or '-'.</summary>
    public static void Validate(IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new ArgumentException("give at least one attribute (e.g. arousal,valence,dominance)");
        foreach (var n in names)
            if (n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                throw new ArgumentException($"attribute name '{n}' must be letters, digits, '_' or '-'");
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count) throw new ArgumentException($"an attribute is listed twice ({string.Join(", ", names)})");
    }
}
