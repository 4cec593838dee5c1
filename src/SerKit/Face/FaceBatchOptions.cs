using SerKit.Extraction;

namespace SerKit.Face;

/// <summary>What <see cref="FaceBatchJob"/> runs over a corpus and how.</summary>
public sealed record FaceBatchOptions
{
    /// <summary>The folder that receives <c>&lt;id&gt;.csv</c> per utterance (what <c>serkit pretext --faces</c> reads) and <c>failures.csv</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The 68-landmark model (dlib's <c>shape_predictor_68_face_landmarks.dat</c>).</summary>
    public required string ModelPath { get; init; }

    /// <summary>The OpenCV cascade of the face detector.</summary>
    public string CascadePath { get; init; } = FaceDetector.DefaultCascadePath;

    /// <summary>Manifest column holding the video of an utterance (relative to the manifest root); without it the utterance's own path is the video.</summary>
    public string VideoColumn { get; init; } = "video";

    /// <summary>Videos processed at once; 0 = one per core.</summary>
    public int Workers { get; init; }

    public Shard Shard { get; init; } = Shard.All;

    public FaceVideoOptions Video { get; init; } = new();

    /// <summary>Minimum seconds between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);
}
