using SerKit.Corpus;

namespace SerKit.Experiments;

/// <summary>
/// A corpus as one experiment uses it: its name (<c>labelled</c> or a pre-training corpus), its manifest (own ids) and
/// where its face tracks are: ready ones (the demo corpus, a recipe's <c>faces</c> folder; null when the manifest's <c>face</c>
/// column names every track) or <c>faces/&lt;name&gt;/</c>, which SerKit's face front-end fills (<see cref="MakesFaces"/>).
/// </summary>
internal sealed record PreparedCorpus(string Name, Manifest Manifest, string? FacesDirectory, bool MakesFaces);
