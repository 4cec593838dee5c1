using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// Optimisation settings (defaults after the author's nearby work: Adam at 0.725e-3, batch 32).
/// Same options, data and seed give the same weights, bit for bit, with the same <see cref="Threads"/>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set (at most, with early stopping).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Utterances per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.725e-3;

    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient (as <c>torch.optim.Adam(weight_decay=…)</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Largest global gradient L2 norm (<c>clip_grad_norm_</c>); 0 = no clipping.</summary>
    public double GradientClip { get; init; }

    /// <summary>Seed of the initial weights, data order, crops and dropout.</summary>
    public long Seed { get; init; }

    /// <summary>libtorch intra-op threads during training (fixed so results do not depend on scheduling).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Early stopping: epochs without a better validation macro-F1 before stopping (0 = never stop early).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Train only the heads; the encoder keeps its (pre-trained) weights and runs without dropout.</summary>
    public bool FreezeEncoder { get; init; }

    /// <summary>Training crop and scoring windows.</summary>
    public ScoringWindows Windows { get; init; } = new();

    /// <summary>Windows per batch when scoring validation data.</summary>
    public int ScoringBatchSize { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"invalid training options: {message}");
        }
        Require(Epochs >= 1, $"epochs must be at least 1 (got {Epochs})");
        Require(BatchSize >= 1, $"batch size must be at least 1 (got {BatchSize})");
        Require(LearningRate > 0, $"learning rate must be positive (got {LearningRate})");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, "Adam betas must be in [0, 1)");
        Require(Epsilon > 0, "Adam epsilon must be positive");
        Require(WeightDecay >= 0, "weight decay must not be negative");
        Require(GradientClip >= 0, "gradient clip must not be negative");
        Require(Threads >= 1, $"threads must be at least 1 (got {Threads})");
        Require(Patience >= 0, "patience must not be negative");
        Require(ScoringBatchSize >= 1, "scoring batch size must be at least 1");
        Windows.Validate();
    }
}
