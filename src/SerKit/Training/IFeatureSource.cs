namespace SerKit.Training;

/// <summary>
/// Frame features of utterances by id, loaded one utterance at a time (so a corpus never has
/// to fit in memory). Implementations are safe to call from several threads at once.
/// </summary>
public interface IFeatureSource
{
    /// <summary>Values per frame.</summary>
    int Dimension { get; }

    /// <summary>True when features for <paramref name="id"/> can be loaded.</summary>
    bool Contains(string id);

    /// <summary>Row-major [frames, <see cref="Dimension"/>] features of utterance <paramref name="id"/>; throws naming the file when it cannot be read.</summary>
    float[] Load(string id, out int frames);
}
