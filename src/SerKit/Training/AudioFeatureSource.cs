using System.Collections.Concurrent;
using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Media;

namespace SerKit.Training;

/// <summary>
/// Computes features on the fly from a manifest's media (<see cref="AudioDecoder.ReadAll"/> then
/// the extractor of <see cref="Options"/>), keeping up to <see cref="CacheBytes"/> of results in
/// memory so that later epochs do not decode again. Utterances beyond the cache budget are
/// recomputed each time they are needed, so memory stays bounded for large corpora.
/// </summary>
public sealed class AudioFeatureSource : IFeatureSource
{
    private readonly Manifest _manifest;
    private readonly Dictionary<string, Utterance> _byId;
    private readonly IFeatureExtractor _extractor;
    private readonly ConcurrentDictionary<string, (float[] Data, int Frames)> _cache = new(StringComparer.Ordinal);
    private long _cached;

    /// <summary>Features of <paramref name="manifest"/>'s utterances with <paramref name="options"/>; <paramref name="cacheBytes"/> = 0 turns the cache off.</summary>
    public AudioFeatureSource(Manifest manifest, FeatureOptions options, long cacheBytes = 2L << 30)
    {
        _manifest = manifest;
        _byId = manifest.Items.ToDictionary(u => u.Id, StringComparer.Ordinal);
        _extractor = FeatureExtractors.Create(options);
        Options = _extractor.Options;
        CacheBytes = cacheBytes;
    }

    /// <summary>The extractor options.</summary>
    public FeatureOptions Options { get; }

    /// <summary>Memory budget of the feature cache in bytes.</summary>
    public long CacheBytes { get; }

    /// <inheritdoc />
    public int Dimension => _extractor.Dimension;

    /// <inheritdoc />
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <inheritdoc />
    public float[] Load(string id, out int frames)
    {
        if (_cache.TryGetValue(id, out var hit))
        {
            frames = hit.Frames;
            return hit.Data;
        }
        if (!_byId.TryGetValue(id, out var u)) throw new KeyNotFoundException($"utterance '{id}' is not in the manifest {_manifest.Source ?? _manifest.Root}");
        var path = _manifest.FullPath(u);
        var samples = AudioDecoder.ReadAll(path, Options.SampleRate);
        if (samples.Length < Options.MinimumSamples)
            throw new MediaException(path, $"too short for features ({samples.Length} samples, at least {Options.MinimumSamples} needed)");
        var data = _extractor.Compute(samples, out frames);
        long bytes = (long)data.Length * sizeof(float);
        if (Interlocked.Add(ref _cached, bytes) <= CacheBytes) _cache.TryAdd(id, (data, frames));
        else Interlocked.Add(ref _cached, -bytes);
        return data;
    }
}
