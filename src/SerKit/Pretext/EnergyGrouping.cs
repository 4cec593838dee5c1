namespace SerKit.Pretext;

/// <summary>The groups within which the T1 statistic is z-normalised.</summary>
public enum EnergyGrouping
{
    /// <summary>
    /// By speaker; an utterance without a speaker, or that is its own speaker (speaker = its id, as a
    /// folder corpus read without speaker-from-folder gives), falls back to its recording (see
    /// <see cref="Recording"/>). The default.
    /// </summary>
    Speaker,

    /// <summary>
    /// By recording: the manifest's extra column named by
    /// <see cref="EnergyOptions.RecordingColumn"/> when the utterance has it, else the folder of
    /// the utterance's media path.
    /// </summary>
    Recording,

    /// <summary>One group: the whole corpus.</summary>
    Corpus,
}
