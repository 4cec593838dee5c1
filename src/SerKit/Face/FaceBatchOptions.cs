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

    /// <summary>
    /// Part k of N of the corpus. With <see cref="AuNeutral.Video"/> an utterance's shard is picked by its id; with
    /// <see cref="AuNeutral.Speaker"/> by its speaker (by its id when it has none), so all clips whose AU neutral is
    /// pooled together fall in the same shard. Either way the N shards together make exactly the files of one run.
    /// </summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>
    /// Over which frames the AU neutral is estimated: <see cref="AuNeutral.Video"/> (the default) each video's own
    /// valid frames, through <see cref="FaceVideoOptions.ActionUnits"/>; <see cref="AuNeutral.Speaker"/> the valid
    /// frames of all videos of the utterance's speaker (<see cref="ActionUnitEstimator.Apply(IReadOnlyList{FaceTrack})"/>
    /// with default options), for corpora of short clips. Speaker mode needs AUs, so <see cref="FaceVideoOptions.ActionUnits"/>
    /// must not be null.
    /// </summary>
    public AuNeutral Neutral { get; init; } = AuNeutral.Video;

    public FaceVideoOptions Video { get; init; } = new();

    /// <summary>Minimum seconds between two progress reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);
}
