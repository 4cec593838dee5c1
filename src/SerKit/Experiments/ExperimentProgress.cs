namespace SerKit.Experiments;

/// <summary>Progress of an experiment: the stage (<c>corpus</c>, <c>features</c>, <c>faces</c>, <c>pretext</c>, <c>pretrain</c>, <c>finetune</c>, <c>report</c>, <c>done</c>), how far the whole run is (0–1), and a status line.</summary>
public sealed record ExperimentProgress(string Stage, double Fraction, string Status);
