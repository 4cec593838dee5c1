namespace SerKit.Experiments;

/// <summary>One unlabelled audiovisual corpus of a recipe's pre-training data.</summary>
public sealed record PretrainingCorpusRecipe
{
    /// <summary>Folder-safe name; utterance ids are prefixed with it (<c>name/id</c>) so corpora never collide.</summary>
    public string Name { get; init; } = "";

    /// <summary>How the corpus is given.</summary>
    public PretrainingCorpusKind Kind { get; init; } = PretrainingCorpusKind.Videos;

    /// <summary>Folder of videos (kind <c>videos</c>) or manifest root (kind <c>manifest</c>; default the manifest's folder). Relative to the recipe file.</summary>
    public string? Root { get; init; }

    /// <summary>The manifest file (kind <c>manifest</c>).</summary>
    public string? Manifest { get; init; }

    /// <summary>Speaker = first folder of each path (VoxCeleb2's <c>id00012/…/00001.mp4</c>); otherwise every video is its own speaker.</summary>
    public bool SpeakerFromFolder { get; init; } = true;

    /// <summary>Folder of ready face tracks (<c>&lt;id&gt;.csv</c>, OpenFace schema, e.g. from OpenFace itself); null = SerKit's face front-end runs on the videos.</summary>
    public string? Faces { get; init; }

    /// <summary>Use at most this many utterances (the first in id order); 0 = all.</summary>
    public int Limit { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting under <paramref name="key"/>.</summary>
    public void Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || Name.StartsWith('.'))
            throw new ArgumentException($"{key}.name: give a folder-safe name (letters, digits, '-', '_', '.'), got '{Name}'");
        if (Kind == PretrainingCorpusKind.Videos && string.IsNullOrWhiteSpace(Root)) throw new ArgumentException($"{key}.root: give the folder of videos");
        if (Kind == PretrainingCorpusKind.Manifest && string.IsNullOrWhiteSpace(Manifest)) throw new ArgumentException($"{key}.manifest: give the manifest file");
        if (Limit < 0) throw new ArgumentException($"{key}.limit: must be 0 (all) or more");
    }
}
