using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// Keep-best early stopping: the epoch with the best validation score so far and a copy of its weights, and the epochs since it;
/// the run stops after <c>patience</c> epochs without a better one (0 = never). The trainer judges what "better" means.
/// </summary>
internal sealed class EarlyStopping(int patience)
{
    /// <summary>Epoch (1-based) with the best validation score so far; null before the first validated epoch.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Epochs validated since the best one.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>The best epoch's weights.</summary>
    public Dictionary<string, (long[] Shape, float[] Data)>? BestWeights { get; private set; }

    /// <summary>True once <c>patience</c> (&gt; 0) epochs have passed without a better score.</summary>
    public bool Stopped => patience > 0 && EpochsWithoutImprovement >= patience;

    /// <summary>Continues from a checkpoint's early-stopping state.</summary>
    public void Resume(int? bestEpoch, int epochsWithoutImprovement, IReadOnlyDictionary<string, (long[] Shape, float[] Data)>? bestWeights)
    {
        BestEpoch = bestEpoch;
        EpochsWithoutImprovement = epochsWithoutImprovement;
        BestWeights = bestWeights?.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>Records validated epoch <paramref name="epoch"/> (1-based): when <paramref name="better"/>, it becomes the best and <paramref name="model"/>'s weights are kept. Returns <paramref name="better"/>.</summary>
    public bool Update(int epoch, bool better, nn.Module model)
    {
        if (better)
        {
            BestEpoch = epoch;
            BestWeights = ModelWeights.Export(model);
            EpochsWithoutImprovement = 0;
        }
        else EpochsWithoutImprovement++;
        return better;
    }

    /// <summary>Loads the best epoch's weights into <paramref name="model"/> (nothing when no epoch was validated).</summary>
    public void RestoreBest(nn.Module model)
    {
        if (BestWeights != null) ModelWeights.Import(model, BestWeights, strict: true, "best epoch");
    }
}
