using SerKit.Face;

namespace SerKit.Experiments;

/// <summary>How a recipe makes face tracks from videos (DESIGN.md section 4).</summary>
public sealed record FacesRecipe
{
    /// <summary>dlib's 68-landmark model (Debian <c>libdlib-data</c>).</summary>
    public string Model { get; init; } = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>OpenCV cascade of the face detector (Debian <c>opencv-data</c>).</summary>
    public string Cascade { get; init; } = FaceDetector.DefaultCascadePath;

    /// <summary>Where each person's AU neutral comes from: <c>speaker</c> pools all clips of a speaker (short clips), <c>video</c> uses each video alone.</summary>
    public AuNeutral Neutral { get; init; } = AuNeutral.Speaker;

    /// <summary>Fit every N-th frame only (1 = all).</summary>
    public int Every { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("faces.model: give the 68-landmark model file");
        if (string.IsNullOrWhiteSpace(Cascade)) throw new ArgumentException("faces.cascade: give the cascade file");
        if (Every < 1) throw new ArgumentException($"faces.every: must be at least 1 (got {Every})");
    }
}
