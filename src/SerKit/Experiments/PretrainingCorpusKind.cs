namespace SerKit.Experiments;

/// <summary>How an unlabelled pre-training corpus is given.</summary>
public enum PretrainingCorpusKind
{
    /// <summary>A folder scanned recursively for media files; each video is one utterance (audio from its sound track, face track from its frames).</summary>
    Videos,

    /// <summary>A manifest; videos are the utterance paths or the <c>video</c> column, or face tracks are given in <see cref="PretrainingCorpusRecipe.Faces"/>.</summary>
    Manifest,

    /// <summary>The unlabelled part of the generated demo corpus (labelled format <c>demo</c>), with its face tracks.</summary>
    Demo,
}
