using System.Text.Json;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// The resumable state of a training run, written atomically to <c>MODEL/checkpoint/state.safetensors</c>
/// at the end of every epoch: the weights (<c>model.*</c>), Adam's moments (<c>adam.exp_avg.*</c>,
/// <c>adam.exp_avg_sq.*</c>), the best epoch's weights so far (<c>best.*</c>), and in the metadata
/// (<c>serkit_checkpoint</c>, JSON) the epochs done, Adam's step counts, the early-stopping state, the log
/// and a fingerprint of the settings and data. The randomness of an epoch is derived from (seed, epoch)
/// (<see cref="SeedSequence"/>), so no generator state needs saving.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>The checkpoint file inside a model folder.</summary>
    public static string PathIn(string modelDir) => Path.Combine(modelDir, ModelDirectory.CheckpointFolder, "state.safetensors");

    /// <summary>Epochs finished.</summary>
    public int EpochsDone { get; init; }

    /// <summary>Epoch (1-based) with the best validation macro-F1 so far.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The best validation macro-F1 so far.</summary>
    public double? BestScore { get; init; }

    /// <summary>The validation loss of the best epoch (breaks macro-F1 ties).</summary>
    public double? BestLoss { get; init; }

    /// <summary>Epochs since the best one.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Hash of the settings and data the run was started with.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The log so far.</summary>
    public IReadOnlyList<EpochRecord> Log { get; init; } = [];

    /// <summary>Adam's step count per parameter.</summary>
    public IReadOnlyDictionary<string, long> AdamSteps { get; init; } = new Dictionary<string, long>();

    /// <summary>Current weights.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Weights { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>Adam moments (<c>exp_avg.&lt;name&gt;</c>, <c>exp_avg_sq.&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> AdamMoments { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>The best epoch's weights, when there is a validation set.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)>? BestWeights { get; init; }

    private sealed record Meta(int EpochsDone, int? BestEpoch, double? BestScore, double? BestLoss, int EpochsWithoutImprovement, string Fingerprint,
        List<EpochRecord> Log, Dictionary<string, long> AdamSteps);

    /// <summary>Writes the checkpoint into <paramref name="modelDir"/> (atomically: a kill leaves the previous one intact).</summary>
    public void Write(string modelDir)
    {
        var tensors = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (k, v) in Weights) tensors["model." + k] = v;
        foreach (var (k, v) in AdamMoments) tensors["adam." + k] = v;
        if (BestWeights != null) foreach (var (k, v) in BestWeights) tensors["best." + k] = v;
        var meta = new Meta(EpochsDone, BestEpoch, BestScore, BestLoss, EpochsWithoutImprovement, Fingerprint, Log.ToList(), AdamSteps.ToDictionary());
        SafeTensorsBundle.Write(PathIn(modelDir), tensors, new Dictionary<string, string>
        {
            ["serkit_checkpoint"] = JsonSerializer.Serialize(meta, ModelJson.Options),
        });
    }

    /// <summary>Reads the checkpoint of <paramref name="modelDir"/>, or null when there is none.</summary>
    public static TrainingCheckpoint? TryRead(string modelDir)
    {
        var path = PathIn(modelDir);
        if (!File.Exists(path)) return null;
        var (tensors, metadata) = SafeTensorsBundle.Read(path);
        if (!metadata.TryGetValue("serkit_checkpoint", out var json)) throw new InvalidDataException($"{path}: not a SerKit training checkpoint");
        Meta meta;
        try { meta = JsonSerializer.Deserialize<Meta>(json, ModelJson.Options) ?? throw new InvalidDataException($"{path}: empty checkpoint metadata"); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: bad checkpoint metadata ({e.Message})"); }
        Dictionary<string, (long[], float[])> Part(string prefix) => tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
        var best = Part("best.");
        return new TrainingCheckpoint
        {
            EpochsDone = meta.EpochsDone,
            BestEpoch = meta.BestEpoch,
            BestScore = meta.BestScore,
            BestLoss = meta.BestLoss,
            EpochsWithoutImprovement = meta.EpochsWithoutImprovement,
            Fingerprint = meta.Fingerprint,
            Log = meta.Log,
            AdamSteps = meta.AdamSteps,
            Weights = Part("model."),
            AdamMoments = Part("adam."),
            BestWeights = best.Count > 0 ? best : null,
        };
    }
}
