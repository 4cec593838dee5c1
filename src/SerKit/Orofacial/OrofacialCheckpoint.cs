using System.Text.Json;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Orofacial;

/// <summary>
/// The resumable state of an orofacial training run, <c>MODEL/checkpoint/state.safetensors</c>, written atomically after every
/// epoch: weights (<c>model.*</c>), Adam's moments (<c>adam.*</c>), the best epoch's weights (<c>best.*</c>), and as JSON metadata
/// (<c>serkit_orofacial_checkpoint</c>) the epochs done, Adam's step counts, the early-stopping state, the log and a fingerprint of
/// the settings and data. Every epoch's randomness derives from (seed, epoch), so no generator state is saved.
/// </summary>
public sealed class OrofacialCheckpoint
{
    private const string MetadataKey = "serkit_orofacial_checkpoint";

    /// <summary>The checkpoint file inside a model folder.</summary>
    public static string PathIn(string modelDir) => Path.Combine(modelDir, ModelDirectory.CheckpointFolder, "state.safetensors");

    /// <summary>Epochs finished.</summary>
    public int EpochsDone { get; init; }

    /// <summary>Epoch (1-based) with the lowest validation RMSE so far.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The lowest validation RMSE so far.</summary>
    public double? BestRmse { get; init; }

    /// <summary>Epochs since the best one.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Hash of the settings and data the run was started with.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The log so far.</summary>
    public IReadOnlyList<OrofacialEpoch> Log { get; init; } = [];

    /// <summary>Adam's step count per parameter.</summary>
    public IReadOnlyDictionary<string, long> AdamSteps { get; init; } = new Dictionary<string, long>();

    /// <summary>Current weights.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Weights { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>Adam's moments.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> AdamMoments { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>The best epoch's weights (with a validation set).</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)>? BestWeights { get; init; }

    private sealed record Meta(int EpochsDone, int? BestEpoch, double? BestRmse, int EpochsWithoutImprovement, string Fingerprint,
        List<OrofacialEpoch> Log, Dictionary<string, long> AdamSteps);

    /// <summary>Writes the checkpoint into <paramref name="modelDir"/> atomically.</summary>
    public void Write(string modelDir)
    {
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (k, v) in Weights) tensors["model." + k] = v;
        foreach (var (k, v) in AdamMoments) tensors["adam." + k] = v;
        if (BestWeights != null) foreach (var (k, v) in BestWeights) tensors["best." + k] = v;
        var meta = new Meta(EpochsDone, BestEpoch, BestRmse, EpochsWithoutImprovement, Fingerprint, Log.ToList(), AdamSteps.ToDictionary());
        SafeTensorsBundle.Write(PathIn(modelDir), tensors, new Dictionary<string, string> { [MetadataKey] = JsonSerializer.Serialize(meta, ModelJson.Options) });
    }

    /// <summary>Reads the checkpoint of <paramref name="modelDir"/>, or null when there is none.</summary>
    public static OrofacialCheckpoint? TryRead(string modelDir)
    {
        var path = PathIn(modelDir);
        if (!File.Exists(path)) return null;
        var (tensors, metadata) = SafeTensorsBundle.Read(path);
        if (!metadata.TryGetValue(MetadataKey, out var json)) throw new OrofacialFileException(path, null, "not an orofacial training checkpoint");
        Meta meta;
        try { meta = JsonSerializer.Deserialize<Meta>(json, ModelJson.Options) ?? throw new OrofacialFileException(path, null, "empty checkpoint metadata"); }
        catch (JsonException e) { throw new OrofacialFileException(path, null, $"bad checkpoint metadata ({e.Message})", e); }
        Dictionary<string, (long[], float[])> Part(string prefix) => tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
        var best = Part("best.");
        return new OrofacialCheckpoint
        {
            EpochsDone = meta.EpochsDone, BestEpoch = meta.BestEpoch, BestRmse = meta.BestRmse, EpochsWithoutImprovement = meta.EpochsWithoutImprovement,
            Fingerprint = meta.Fingerprint, Log = meta.Log, AdamSteps = meta.AdamSteps, Weights = Part("model."), AdamMoments = Part("adam."),
            BestWeights = best.Count > 0 ? best : null,
        };
    }
}
