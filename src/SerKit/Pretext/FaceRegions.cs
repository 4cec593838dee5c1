namespace SerKit.Pretext;

/// <summary>Landmark regions (iBUG-68 numbering) whose motion makes up T2's facial activation.</summary>
[Flags]
public enum FaceRegions
{
    /// <summary>No region.</summary>
    None = 0,

    /// <summary>Eyebrows, landmarks 17–26.</summary>
    Brows = 1,

    /// <summary>Eyes, landmarks 36–47.</summary>
    Eyes = 2,

    /// <summary>Mouth (outer and inner lips), landmarks 48–67.</summary>
    Mouth = 4,

    /// <summary>Brows, eyes and mouth (the default).</summary>
    All = Brows | Eyes | Mouth,
}
