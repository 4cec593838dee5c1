using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// The resumable state of a training run, written atomically to <c>MODEL/checkpoint/state.safetensors</c>
/// at the end of every epoch: the weights (<c>model.*</c>), Adam's moments (<c>adam.exp_avg.*</c>,
/// <c>adam.exp_avg_sq.*</c>), the best epoch's weights so far (<c>best.*</c>), and in the metadata
/// (<c>serkit_checkpoint</c>, JSON) the epochs done, Adam's step counts, the early-stopping state, the log
/// and a fingerprint of the settings and data. The randomness of an epoch is derived from (seed, epoch)
/// (<see cref="SeedSequence"/>), so no generator state needs saving. The best epoch is the one with the best validation macro-F1.
/// </summary>
public sealed class TrainingCheckpoint : EpochCheckpoint<EpochRecord>
{
    private const string MetadataKey = "serkit_checkpoint";

    /// <summary>An empty checkpoint, filled by initialisers.</summary>
    public TrainingCheckpoint()
    {
    }

    internal TrainingCheckpoint(ResumableRun<EpochRecord> run, int epochsDone) : base(run, epochsDone)
    {
    }

    /// <summary>The checkpoint file inside a model folder.</summary>
    public static string PathIn(string modelDir) => Path.Combine(modelDir, ModelDirectory.CheckpointFolder, "state.safetensors");

    /// <summary>The best validation macro-F1 so far.</summary>
    public double? BestScore { get; init; }

    /// <summary>The validation loss of the best epoch (breaks macro-F1 ties).</summary>
    public double? BestLoss { get; init; }

    private sealed record Meta(int EpochsDone, int? BestEpoch, double? BestScore, double? BestLoss, int EpochsWithoutImprovement, string Fingerprint,
        List<EpochRecord> Log, Dictionary<string, long> AdamSteps);

    /// <summary>Writes the checkpoint into <paramref name="modelDir"/> (atomically: a kill leaves the previous one intact).</summary>
    public void Write(string modelDir) => CheckpointFile.Write(PathIn(modelDir), MetadataKey,
        new Meta(EpochsDone, BestEpoch, BestScore, BestLoss, EpochsWithoutImprovement, Fingerprint, Log.ToList(), AdamSteps.ToDictionary()),
        Weights, AdamMoments, BestWeights);

    /// <summary>Reads the checkpoint of <paramref name="modelDir"/>, or null when there is none.</summary>
    public static TrainingCheckpoint? TryRead(string modelDir)
    {
        if (CheckpointFile.TryRead<Meta>(PathIn(modelDir), MetadataKey, "not a SerKit training checkpoint") is not { } c) return null;
        var meta = c.Meta;
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
            Weights = c.Weights,
            AdamMoments = c.Moments,
            BestWeights = c.Best,
        };
    }
}
