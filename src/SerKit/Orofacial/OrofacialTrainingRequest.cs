using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>One orofacial training run on prepared data (<see cref="OrofacialTrainingData"/>): tasks, network sizes, optimisation and the model folder.</summary>
public sealed record OrofacialTrainingRequest(string OutputDirectory)
{
    /// <summary>Secondary tasks (default: none, the single-task model).</summary>
    public OrofacialTasks Tasks { get; init; } = new();

    /// <summary>Network sizes (<see cref="OrofacialConfig.ConvKernel"/>, <see cref="OrofacialConfig.ConvChannels"/>, <see cref="OrofacialConfig.LstmHidden"/>,
    /// <see cref="OrofacialConfig.LstmLayers"/>, <see cref="OrofacialConfig.Dropout"/>); the rest is filled from the data and tasks.</summary>
    public OrofacialConfig Network { get; init; } = new();

    /// <summary>Optimisation (Adam, batch, epochs, patience, seed, threads); <see cref="ScoringWindows.WindowFrames"/> is the training crop.</summary>
    public TrainingOptions Options { get; init; } = new() { Epochs = 30, BatchSize = 16, LearningRate = 1e-3, Windows = new() { WindowFrames = 400, HopFrames = 200 } };

    /// <summary>Continue from the folder's checkpoint (or start fresh when there is none).</summary>
    public bool Resume { get; init; }
}
