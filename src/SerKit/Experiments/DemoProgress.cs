namespace SerKit.Experiments;

/// <summary>Progress of the demo: the stage, how far the whole run is (0–1), and a status line.</summary>
public sealed record DemoProgress(string Stage, double Fraction, string Status);
