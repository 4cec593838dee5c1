using SerKit.Extraction;
using SerKit.IO;

namespace SerKit.Training;

/// <summary>
/// Reads features that <c>serkit extract</c> wrote (<c>index.csv</c> and one .npy or .safetensors
/// file per utterance and kind), one file per request.
/// </summary>
public sealed class ExtractedFeatureSource : IFeatureSource
{
    private readonly Dictionary<string, FeatureIndexRow> _rows;
    private readonly string _folder;
    private readonly string _kind;

    /// <summary>The features of kind <paramref name="kind"/> (e.g. <c>logmel</c>) listed in <paramref name="indexCsv"/>.</summary>
    public ExtractedFeatureSource(string indexCsv, string kind = "logmel")
    {
        if (!File.Exists(indexCsv)) throw new FileNotFoundException($"{indexCsv}: no such feature index", indexCsv);
        _folder = Path.GetDirectoryName(Path.GetFullPath(indexCsv))!;
        _kind = kind;
        _rows = FeatureIndex.Read(indexCsv).Where(r => r.Kind == kind).ToDictionary(r => r.Id, StringComparer.Ordinal);
        if (_rows.Count == 0) throw new InvalidDataException($"{indexCsv}: no '{kind}' features listed");
        var dims = _rows.Values.Select(r => r.Dims).Distinct().ToArray();
        if (dims.Length != 1) throw new InvalidDataException($"{indexCsv}: '{kind}' features have different dimensions ({string.Join(", ", dims)})");
        Dimension = dims[0];
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public bool Contains(string id) => _rows.ContainsKey(id);

    /// <inheritdoc />
    public float[] Load(string id, out int frames)
    {
        if (!_rows.TryGetValue(id, out var row)) throw new KeyNotFoundException($"utterance '{id}' has no '{_kind}' features in {_folder}");
        var path = Path.Combine(_folder, row.File);
        var array = path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? SafeTensorsFile.ReadTensor(path, _kind) : NpyArray.Read(path);
        if (array.Shape.Length != 2 || array.Shape[1] != Dimension)
            throw new InvalidDataException($"{path}: expected [frames, {Dimension}] features, found [{string.Join(", ", array.Shape)}]");
        frames = (int)array.Shape[0];
        return array.Data;
    }
}
