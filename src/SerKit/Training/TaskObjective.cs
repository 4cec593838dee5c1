using SerKit.Labels;

namespace SerKit.Training;

/// <summary>
/// How a task with soft targets is trained (<see cref="PenalisedLoss"/>): the label type its targets were made with,
/// the co-occurrence penalty over the task's classes (null = none) and the mixing weight α
/// (loss = (1 − α)·plain + α·(plain + penalty) = plain + α·penalty).
/// </summary>
public sealed record TaskObjective(LabelType LabelType, PenaltyMatrix? Penalty = null, double Alpha = 0);
