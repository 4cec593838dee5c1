namespace SerKit.Orofacial;

/// <summary>
/// One training or evaluation utterance of the orofacial model: its data (<see cref="OrofacialUtterance"/>: landmark targets and
/// their mask), the index of its emotion class (null when it has none, so the emotion loss is masked), and the viseme class of
/// every frame (-1 where there is none; null without a viseme task).
/// </summary>
public sealed record OrofacialExample(OrofacialUtterance Utterance, int? Emotion, int[]? Visemes)
{
    /// <summary>The utterance id.</summary>
    public string Id => Utterance.Id;
}
