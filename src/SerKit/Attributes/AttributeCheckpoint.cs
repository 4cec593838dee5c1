using SerKit.Training;

namespace SerKit.Attributes;

/// <summary>
/// The resumable state of an attribute training run, written atomically to <c>MODEL/checkpoint/state.safetensors</c> at the end of every
/// epoch (the layout of <see cref="TrainingCheckpoint"/>): the weights (<c>model.*</c>), Adam's moments of every parameter but the cluster
/// head (<c>adam.*</c>), the best epoch's weights (<c>best.*</c>), and as metadata (<c>serkit_attribute_checkpoint</c>, JSON) the epochs
/// done, Adam's step counts, the early-stopping state, the log and a fingerprint of the settings and data. Nothing else is needed to
/// resume DeepEmoCluster: each epoch's k-means runs on the weights the epoch starts from, with a seed derived from (seed, epoch), and the
/// cluster head and its optimiser state are re-initialised every epoch. The best epoch is the one with the best validation mean CCC.
/// </summary>
public sealed class AttributeCheckpoint : EpochCheckpoint<AttributeEpochRecord>
{
    private const string MetadataKey = "serkit_attribute_checkpoint";

    /// <summary>An empty checkpoint, filled by initialisers.</summary>
    public AttributeCheckpoint()
    {
    }

    internal AttributeCheckpoint(ResumableRun<AttributeEpochRecord> run, int epochsDone) : base(run, epochsDone)
    {
    }

    /// <summary>The best validation mean CCC so far.</summary>
    public double? BestScore { get; init; }

    private sealed record Meta(int EpochsDone, int? BestEpoch, double? BestScore, int EpochsWithoutImprovement, string Fingerprint,
        List<AttributeEpochRecord> Log, Dictionary<string, long> AdamSteps);

    /// <summary>Writes the checkpoint into <paramref name="modelDir"/> (atomically: a kill leaves the previous one intact).</summary>
    public void Write(string modelDir) => CheckpointFile.Write(TrainingCheckpoint.PathIn(modelDir), MetadataKey,
        new Meta(EpochsDone, BestEpoch, BestScore, EpochsWithoutImprovement, Fingerprint, Log.ToList(), AdamSteps.ToDictionary()),
        Weights, AdamMoments, BestWeights);

    /// <summary>Reads the checkpoint of <paramref name="modelDir"/>, or null when there is none; throws naming the file when it is not an attribute checkpoint.</summary>
    public static AttributeCheckpoint? TryRead(string modelDir)
    {
        if (CheckpointFile.TryRead<Meta>(TrainingCheckpoint.PathIn(modelDir), MetadataKey,
                "not the checkpoint of an attribute training run (another kind of training wrote it); use a new folder") is not { } c) return null;
        var meta = c.Meta;
        return new AttributeCheckpoint
        {
            EpochsDone = meta.EpochsDone,
            BestEpoch = meta.BestEpoch,
            BestScore = meta.BestScore,
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
