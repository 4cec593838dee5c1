namespace SerKit.Orofacial;

/// <summary>
/// Where <c>serkit animate</c> places the normalised face in pixels: a <see cref="Width"/>×<see cref="Height"/> frame, the normalisation
/// origin (mean of the eye corners and nose tip) at (<see cref="OriginX"/>, <see cref="OriginY"/>), one normalised unit (the inter-ocular
/// distance) = <see cref="InterOcular"/> pixels; frames every 1/<see cref="FramesPerSecond"/> s.
/// </summary>
public sealed record AnimationCanvas
{
    /// <summary>Frame width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; init; } = 480;

    /// <summary>Pixels per normalised unit.</summary>
    public double InterOcular { get; init; } = 160;

    /// <summary>x of the normalisation origin.</summary>
    public double OriginX { get; init; } = 320;

    /// <summary>y of the normalisation origin.</summary>
    public double OriginY { get; init; } = 190;

    /// <summary>Video (and CSV) frames per second.</summary>
    public double FramesPerSecond { get; init; } = 30;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Width < 16 || Height < 16 || Width % 2 != 0 || Height % 2 != 0) throw new ArgumentException($"the frame must be at least 16×16 with even sides (got {Width}×{Height})");
        if (!(InterOcular > 0)) throw new ArgumentException("the inter-ocular distance in pixels must be positive");
        if (!(FramesPerSecond is > 0 and <= 240)) throw new ArgumentException($"frames per second must lie in (0, 240] (got {FramesPerSecond})");
        if (!double.IsFinite(OriginX) || !double.IsFinite(OriginY)) throw new ArgumentException("the origin must be finite");
    }
}
