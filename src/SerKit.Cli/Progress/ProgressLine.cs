namespace SerKit.Cli.Progress;

/// <summary>One progress update for the console: how far (0–1) and a short status text.</summary>
public readonly record struct ProgressLine(double Fraction, string Status);
