namespace SerKit.Corpus;

/// <summary>Options for <see cref="FolderCorpus.Scan(string, string?, FolderCorpusOptions?)"/>.</summary>
public sealed record FolderCorpusOptions
{
    /// <summary>
    /// When the label CSV gives no speaker: true takes it from the first folder of the relative path (layout
    /// <c>speaker/…/file</c>; a file directly in the folder gets none); false (default) makes every file its own
    /// speaker (speaker = its id).
    /// </summary>
    public bool SpeakerFromFolder { get; init; }

    /// <summary>Read each WAV header for the duration (other formats get no duration).</summary>
    public bool ReadDurations { get; init; } = true;

    /// <summary>Extensions (lower case, with the dot) counted as media; default <see cref="FolderCorpus.MediaExtensions"/>.</summary>
    public IReadOnlySet<string>? Extensions { get; init; }
}
