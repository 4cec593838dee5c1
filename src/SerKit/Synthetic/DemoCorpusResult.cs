using SerKit.Corpus;

namespace SerKit.Synthetic;

/// <summary>What <see cref="DemoCorpus.Write"/> produced: both manifests (as read back from disk) and totals.</summary>
public sealed record DemoCorpusResult(string Folder, Manifest Labelled, Manifest Unlabelled, double AudioSeconds, int FaceFrames, int FailedFaceFrames);
