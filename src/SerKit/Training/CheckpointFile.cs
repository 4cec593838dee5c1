using System.Text.Json;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// The file layout shared by the trainers' checkpoints: one safetensors bundle with the weights (<c>model.*</c>), Adam's
/// moments (<c>adam.*</c>) and the best epoch's weights (<c>best.*</c>), plus the run's state as JSON under one metadata
/// key (which also tells the kinds of checkpoint apart). Written atomically.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>Writes the bundle to <paramref name="path"/>.</summary>
    public static void Write<TMeta>(string path, string metadataKey, TMeta meta,
        IReadOnlyDictionary<string, (long[] Shape, float[] Data)> weights,
        IReadOnlyDictionary<string, (long[] Shape, float[] Data)> moments,
        IReadOnlyDictionary<string, (long[] Shape, float[] Data)>? best)
    {
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (k, v) in weights) tensors["model." + k] = v;
        foreach (var (k, v) in moments) tensors["adam." + k] = v;
        if (best != null) foreach (var (k, v) in best) tensors["best." + k] = v;
        SafeTensorsBundle.Write(path, tensors, new Dictionary<string, string> { [metadataKey] = JsonSerializer.Serialize(meta, ModelJson.Options) });
    }

    /// <summary>
    /// Reads the bundle at <paramref name="path"/>, or null when there is none; throws naming the file with <paramref name="otherKind"/>
    /// when it lacks <paramref name="metadataKey"/>, or when the state is malformed: the exception <paramref name="error"/> makes of
    /// (path, problem, inner exception), by default an <see cref="InvalidDataException"/>.
    /// </summary>
    public static (TMeta Meta, Dictionary<string, (long[] Shape, float[] Data)> Weights, Dictionary<string, (long[] Shape, float[] Data)> Moments,
        Dictionary<string, (long[] Shape, float[] Data)>? Best)? TryRead<TMeta>(string path, string metadataKey, string otherKind,
        Func<string, string, Exception?, Exception>? error = null)
    {
        error ??= (file, problem, _) => new InvalidDataException($"{file}: {problem}");
        if (!File.Exists(path)) return null;
        var (tensors, metadata) = SafeTensorsBundle.Read(path);
        if (!metadata.TryGetValue(metadataKey, out var json)) throw error(path, otherKind, null);
        TMeta meta;
        try { meta = JsonSerializer.Deserialize<TMeta>(json, ModelJson.Options) ?? throw error(path, "empty checkpoint metadata", null); }
        catch (JsonException e) { throw error(path, $"bad checkpoint metadata ({e.Message})", e); }
        Dictionary<string, (long[], float[])> Part(string prefix) => tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
        var best = Part("best.");
        return (meta, Part("model."), Part("adam."), best.Count > 0 ? best : null);
    }

    /// <summary>
    /// Checks model folder <paramref name="modelDir"/> before a run and creates it: without <paramref name="resume"/> it must not hold a
    /// model or a checkpoint (<paramref name="checkpointPath"/>) yet; a checkpoint resumed (<paramref name="savedFingerprint"/>) must
    /// have been written with the same settings and data (<paramref name="fingerprint"/>).
    /// </summary>
    public static void PrepareFolder(string modelDir, string checkpointPath, bool resume, string? savedFingerprint, string fingerprint)
    {
        if (!resume && (File.Exists(checkpointPath) || File.Exists(Path.Combine(modelDir, ModelDirectory.WeightsFile))))
            throw new IOException($"{modelDir} already holds a model or checkpoint; use --resume to continue it or choose another folder");
        if (savedFingerprint != null && savedFingerprint != fingerprint)
            throw new ArgumentException($"{checkpointPath}: the checkpoint was written with other settings or data; resume with the same ones or use a new folder");
        Directory.CreateDirectory(modelDir);
    }
}
