using System.Globalization;
using SerKit.Corpus;

namespace SerKit.Attributes;

/// <summary>
/// Per-utterance emotional attribute values read from a manifest's extra columns (e.g. <c>arousal</c>, <c>valence</c>,
/// <c>dominance</c>; any scale, e.g. MSP-Podcast's 1–7). A column is found by its exact name, else case-insensitively. An
/// utterance with every requested value is <em>rated</em>; one with none or only some of them is not (an empty cell is an absent
/// value). A cell that is not a finite number is an error naming the file, the utterance and the value.
/// </summary>
public sealed class AttributeTable
{
    private readonly Dictionary<string, double[]> _values;

    private AttributeTable(IReadOnlyList<string> attributes, IReadOnlyList<string> columns, Dictionary<string, double[]> values, IReadOnlyList<string> rated, IReadOnlyList<string> unrated)
    {
        Attributes = attributes;
        Columns = columns;
        _values = values;
        Rated = rated;
        Unrated = unrated;
    }

    /// <summary>The attributes in the requested order.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>The manifest column each attribute was read from (the same names unless matched case-insensitively).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Ids of the utterances with every attribute, in manifest order.</summary>
    public IReadOnlyList<string> Rated { get; }

    /// <summary>Ids of the utterances missing at least one attribute, in manifest order.</summary>
    public IReadOnlyList<string> Unrated { get; }

    /// <summary>The values of a rated utterance, one per attribute.</summary>
    public double[] this[string id] => _values.TryGetValue(id, out var v) ? v : throw new KeyNotFoundException($"utterance '{id}' has no attribute values");

    /// <summary>True when utterance <paramref name="id"/> is rated.</summary>
    public bool Contains(string id) => _values.ContainsKey(id);

    /// <summary>
    /// Reads <paramref name="attributes"/> from <paramref name="manifest"/>. Throws <see cref="ManifestException"/> when no utterance has a
    /// value for one of them (the column is missing or empty) or a value is not a finite number.
    /// </summary>
    public static AttributeTable Read(Manifest manifest, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        EmotionalAttributes.Validate(attributes);
        var file = manifest.Source ?? manifest.Root;
        var keys = manifest.Items.SelectMany(u => u.Extra.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var columns = new string[attributes.Count];
        for (int a = 0; a < attributes.Count; a++)
        {
            var name = attributes[a];
            var exact = keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.Ordinal));
            var folded = keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (exact is null && folded.Length > 1)
                throw new ManifestException(file, null, $"several columns match attribute '{name}' when case is ignored ({string.Join(", ", folded)}); name one exactly");
            columns[a] = exact ?? (folded.Length == 1 ? folded[0]
                : throw new ManifestException(file, null, $"no utterance has a value in column '{name}' (the attribute columns must be extra columns of the manifest; "
                    + $"extra columns present: {(keys.Length == 0 ? "none" : string.Join(", ", keys))})"));
        }
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var rated = new List<string>();
        var unrated = new List<string>();
        foreach (var u in manifest.Items)
        {
            var row = new double[attributes.Count];
            bool complete = true;
            for (int a = 0; a < attributes.Count; a++)
            {
                if (!u.Extra.TryGetValue(columns[a], out var text) || string.IsNullOrWhiteSpace(text)) { complete = false; continue; }
                if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new ManifestException(file, $"utterance {u.Id}", $"{columns[a]} '{text}' is not a finite number");
                row[a] = v;
            }
            if (complete)
            {
                values[u.Id] = row;
                rated.Add(u.Id);
            }
            else unrated.Add(u.Id);
        }
        return new AttributeTable(attributes.ToArray(), columns, values, rated, unrated);
    }
}
