using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// What every trainer's checkpoint holds (<see cref="TrainingCheckpoint"/>, <c>AttributeCheckpoint</c>, <c>OrofacialCheckpoint</c>): the
/// epochs done, the early-stopping state, the log, a fingerprint of the settings and data, the weights, Adam's state and the best
/// epoch's weights. The kinds add their best score(s) and their own metadata key (<see cref="CheckpointFile"/>).
/// </summary>
/// <typeparam name="TRecord">A row of the run's log.</typeparam>
public abstract class EpochCheckpoint<TRecord>
{
    /// <summary>An empty checkpoint, filled by initialisers.</summary>
    protected EpochCheckpoint()
    {
    }

    /// <summary>The state of <paramref name="run"/> after <paramref name="epochsDone"/> epochs.</summary>
    private protected EpochCheckpoint(ResumableRun<TRecord> run, int epochsDone)
    {
        var (moments, steps) = run.Adam.ExportState();
        EpochsDone = epochsDone;
        BestEpoch = run.Stopping.BestEpoch;
        EpochsWithoutImprovement = run.Stopping.EpochsWithoutImprovement;
        Fingerprint = run.Fingerprint;
        Log = run.Log;
        AdamSteps = steps;
        Weights = ModelWeights.Export(run.Model);
        AdamMoments = moments;
        BestWeights = run.Stopping.BestWeights;
    }

    /// <summary>Epochs finished.</summary>
    public int EpochsDone { get; init; }

    /// <summary>Epoch (1-based) with the best validation score so far.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Epochs since the best one.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Hash of the settings and data the run was started with.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The log so far.</summary>
    public IReadOnlyList<TRecord> Log { get; init; } = [];

    /// <summary>Adam's step count per parameter.</summary>
    public IReadOnlyDictionary<string, long> AdamSteps { get; init; } = new Dictionary<string, long>();

    /// <summary>Current weights.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Weights { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>Adam moments (<c>exp_avg.&lt;name&gt;</c>, <c>exp_avg_sq.&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> AdamMoments { get; init; } = new Dictionary<string, (long[], float[])>();

    /// <summary>The best epoch's weights, when there is a validation set.</summary>
    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)>? BestWeights { get; init; }
}
