namespace SerKit.Corpus;

/// <summary>Options for <see cref="FolderCorpus.Scan(string, string?, FolderCorpusOptions?)"/>.</summary>
public sealed record FolderCorpusOptions
{
    /// <summary>Take the speaker from the first folder of each relative path (layout <c>speaker/…/file</c>) when the label CSV gives none.</summary>
    public bool SpeakerFromFolder { get; init; }

    /// <summary>Read each WAV header for the duration (other formats get no duration).</summary>
    public bool ReadDurations { get; init; } = true;

    /// <summary>Extensions (lower case, with the dot) counted as media; default <see cref="FolderCorpus.MediaExtensions"/>.</summary>
    public IReadOnlySet<string>? Extensions { get; init; }
}
