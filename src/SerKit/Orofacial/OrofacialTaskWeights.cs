namespace SerKit.Orofacial;

/// <summary>
/// Weights of the secondary tasks in the multitask loss: loss = standardised landmark MSE + <see cref="Emotion"/> · emotion CE +
/// <see cref="Viseme"/> · viseme CE (a task the model has no head for adds nothing).
/// </summary>
public sealed record OrofacialTaskWeights(double Emotion = 0.5, double Viseme = 0.5)
{
    /// <summary>Throws <see cref="ArgumentException"/> when a weight is negative or not finite.</summary>
    public void Validate()
    {
        if (!(Emotion >= 0 && double.IsFinite(Emotion))) throw new ArgumentException($"the emotion weight must be a non-negative number (got {Emotion})");
        if (!(Viseme >= 0 && double.IsFinite(Viseme))) throw new ArgumentException($"the viseme weight must be a non-negative number (got {Viseme})");
    }
}
