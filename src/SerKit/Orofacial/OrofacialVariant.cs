namespace SerKit.Orofacial;

/// <summary>The orofacial model variants compared by <see cref="OrofacialExperiment"/>.</summary>
public enum OrofacialVariant
{
    /// <summary>Landmarks only (single-task).</summary>
    Single,

    /// <summary>Landmarks + utterance-level emotion recognition.</summary>
    Emotion,

    /// <summary>Landmarks + frame-level viseme recognition.</summary>
    Viseme,

    /// <summary>Landmarks + emotion + visemes.</summary>
    EmotionViseme,
}
