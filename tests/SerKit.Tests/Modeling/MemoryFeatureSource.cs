using SerKit.Training;

namespace SerKit.Tests.Modeling;

/// <summary>Features held in memory by utterance id (row-major [frames, dim]).</summary>
internal sealed class MemoryFeatureSource(int dimension) : IFeatureSource
{
    private readonly Dictionary<string, float[]> _features = new(StringComparer.Ordinal);

    public int Dimension => dimension;

    public void Add(string id, float[] features)
    {
        if (features.Length == 0 || features.Length % dimension != 0) throw new ArgumentException($"{id}: {features.Length} values is not a whole number of frames");
        _features.Add(id, features);
    }

    public bool Contains(string id) => _features.ContainsKey(id);

    public float[] Load(string id, out int frames)
    {
        var f = _features[id];
        frames = f.Length / dimension;
        return f;
    }
}
