using SerKit.Corpus;
using SerKit.Pretext;

namespace SerKit.Experiments;

/// <summary>
/// What the encoders of one pretext set are pre-trained on: the combined manifest and labels (ids <c>corpus/id</c>),
/// the extraction index of each corpus, and the fold when the set is per fold.
/// </summary>
internal sealed record PretrainingSet(string Name, int? Fold, Manifest Manifest, PretextLabelSet Labels, IReadOnlyDictionary<string, string> FeatureIndexes);
