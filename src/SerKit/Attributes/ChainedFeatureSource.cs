using SerKit.Training;

namespace SerKit.Attributes;

/// <summary>Features of utterances from several sources (e.g. labelled and unlabelled manifests) by id; the first source holding an id serves it.</summary>
internal sealed class ChainedFeatureSource : IFeatureSource
{
    private readonly IFeatureSource[] _sources;

    public ChainedFeatureSource(params IFeatureSource[] sources)
    {
        if (sources.Length == 0) throw new ArgumentException("no feature source");
        if (sources.Any(s => s.Dimension != sources[0].Dimension)) throw new ArgumentException("feature sources of different dimensions");
        _sources = sources;
    }

    public int Dimension => _sources[0].Dimension;

    public bool Contains(string id) => _sources.Any(s => s.Contains(id));

    public float[] Load(string id, out int frames)
    {
        foreach (var s in _sources)
            if (s.Contains(id)) return s.Load(id, out frames);
        throw new KeyNotFoundException($"no features for utterance '{id}'");
    }
}
