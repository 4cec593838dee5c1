namespace SerKit.Orofacial;

/// <summary>What the orofacial targets are measured from, after the T2 normalisation (translation and inter-ocular scale).</summary>
public enum TargetReference
{
    /// <summary>
    /// The speaker's mean normalised shape is subtracted: targets are movements around the person's own resting
    /// geometry (mouth width, jaw shape), which speech cannot reveal. The mean is taken over the speaker's valid
    /// frames in the same manifest (an utterance without a speaker is its own group). The default.
    /// </summary>
    Speaker,

    /// <summary>The normalised coordinates themselves (the person's geometry is part of the target).</summary>
    Absolute,
}
