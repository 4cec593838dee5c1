using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// The resumable state of an orofacial training run, <c>MODEL/checkpoint/state.safetensors</c>, written atomically after every
/// epoch (the layout of <see cref="TrainingCheckpoint"/>): weights (<c>model.*</c>), Adam's moments (<c>adam.*</c>), the best epoch's
/// weights (<c>best.*</c>), and as JSON metadata (<c>serkit_orofacial_checkpoint</c>) the epochs done, Adam's step counts, the
/// early-stopping state, the log and a fingerprint of the settings and data. Every epoch's randomness derives from (seed, epoch), so no
/// generator state is saved. The best epoch is the one with the lowest validation landmark RMSE.
/// </summary>
public sealed class OrofacialCheckpoint : EpochCheckpoint<OrofacialEpoch>
{
    private const string MetadataKey = "serkit_orofacial_checkpoint";

    /// <summary>An empty checkpoint, filled by initialisers.</summary>
    public OrofacialCheckpoint()
    {
    }

    internal OrofacialCheckpoint(ResumableRun<OrofacialEpoch> run, int epochsDone) : base(run, epochsDone)
    {
    }

    /// <summary>The checkpoint file inside a model folder.</summary>
    public static string PathIn(string modelDir) => TrainingCheckpoint.PathIn(modelDir);

    /// <summary>The lowest validation RMSE so far.</summary>
    public double? BestRmse { get; init; }

    private sealed record Meta(int EpochsDone, int? BestEpoch, double? BestRmse, int EpochsWithoutImprovement, string Fingerprint,
        List<OrofacialEpoch> Log, Dictionary<string, long> AdamSteps);

    /// <summary>Writes the checkpoint into <paramref name="modelDir"/> atomically.</summary>
    public void Write(string modelDir) => CheckpointFile.Write(PathIn(modelDir), MetadataKey,
        new Meta(EpochsDone, BestEpoch, BestRmse, EpochsWithoutImprovement, Fingerprint, Log.ToList(), AdamSteps.ToDictionary()),
        Weights, AdamMoments, BestWeights);

    /// <summary>Reads the checkpoint of <paramref name="modelDir"/>, or null when there is none; throws <see cref="OrofacialFileException"/> when it is not an orofacial one.</summary>
    public static OrofacialCheckpoint? TryRead(string modelDir)
    {
        if (CheckpointFile.TryRead<Meta>(PathIn(modelDir), MetadataKey, "not an orofacial training checkpoint",
                (path, problem, inner) => new OrofacialFileException(path, null, problem, inner)) is not { } c) return null;
        var meta = c.Meta;
        return new OrofacialCheckpoint
        {
            EpochsDone = meta.EpochsDone, BestEpoch = meta.BestEpoch, BestRmse = meta.BestRmse, EpochsWithoutImprovement = meta.EpochsWithoutImprovement,
            Fingerprint = meta.Fingerprint, Log = meta.Log, AdamSteps = meta.AdamSteps, Weights = c.Weights, AdamMoments = c.Moments,
            BestWeights = c.Best,
        };
    }
}
