namespace SerKit.Orofacial;

/// <summary>Where the frame-level viseme labels of the viseme task come from.</summary>
public enum VisemeSource
{
    /// <summary>No viseme task.</summary>
    None,

    /// <summary>Phoneme alignments (<see cref="PhonemeAlignments"/>) mapped to visemes with <see cref="VisemeMap"/>.</summary>
    Alignments,

    /// <summary>Clusters of mouth shapes: k-means over the training set's normalised mouth shapes (<see cref="MouthShapeClusters"/>).</summary>
    Clusters,
}
