using SerKit.IO;

namespace SerKit.Corpus;

/// <summary>
/// A manifest (or corpus metadata file) that cannot be used: the message names the file,
/// where in it the problem is (line or utterance id) and the problem.
/// </summary>
public sealed class ManifestException : InputFileException
{
    public ManifestException(string manifest, string? location, string problem, Exception? inner = null)
        : base(manifest, location, problem, inner)
    {
    }

    /// <summary>The manifest file (or the corpus folder) the problem is in.</summary>
    public string Manifest => FilePath;
}
