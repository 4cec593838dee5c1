namespace SerKit.Orofacial;

/// <summary>
/// How well predicted landmark trajectories match the face tracks, over the frames that have landmarks (normalised units: the
/// inter-ocular distance is 1):
/// <list type="bullet">
/// <item><see cref="Rmse"/>: root mean squared error over those frames and the 74 coordinates (x and y of the 37 points);
/// <see cref="JawRmse"/> and <see cref="MouthRmse"/> over the jaw's and mouth's coordinates only.</item>
/// <item><see cref="BaselineRmse"/>: the same for the mean-shape predictor (every frame = the training targets' mean: the speaker's
/// own mean shape with <see cref="TargetReference.Speaker"/>, the training set's mean shape with <see cref="TargetReference.Absolute"/>).</item>
/// <item><see cref="MeanCorrelation"/>: Pearson's r between predicted and true values of each coordinate, pooled over all frames,
/// averaged over the coordinates (a coordinate without variance in either is left out).</item>
/// <item><see cref="MouthOpeningCorrelation"/>: Pearson's r of the mouth opening (<see cref="OrofacialPoints.MouthOpening"/>).</item>
/// <item>Secondary tasks: emotion WA, UA and macro-F1 over the utterances with a label of the model's classes; viseme accuracy
/// over the frames with a viseme class, and the accuracy of always answering the most frequent class (for reference).</item>
/// </list>
/// </summary>
public sealed record OrofacialMetrics
{
    /// <summary>Utterances scored.</summary>
    public int Utterances { get; init; }

    /// <summary>Frames with landmarks scored.</summary>
    public long Frames { get; init; }

    /// <summary>Landmark RMSE (normalised units).</summary>
    public double Rmse { get; init; }

    /// <summary>RMSE of the mean-shape predictor.</summary>
    public double BaselineRmse { get; init; }

    /// <summary>RMSE over the jaw points' coordinates.</summary>
    public double JawRmse { get; init; }

    /// <summary>RMSE over the mouth points' coordinates.</summary>
    public double MouthRmse { get; init; }

    /// <summary>Mean over coordinates of Pearson's r.</summary>
    public double MeanCorrelation { get; init; }

    /// <summary>Pearson's r of the mouth opening.</summary>
    public double MouthOpeningCorrelation { get; init; }

    /// <summary>Utterances with an emotion label scored (0 without an emotion head).</summary>
    public int EmotionUtterances { get; init; }

    /// <summary>Emotion weighted accuracy.</summary>
    public double? EmotionWa { get; init; }

    /// <summary>Emotion unweighted accuracy (mean recall).</summary>
    public double? EmotionUa { get; init; }

    /// <summary>Emotion macro-F1.</summary>
    public double? EmotionMacroF1 { get; init; }

    /// <summary>Frames with a viseme class scored (0 without a viseme head or labels).</summary>
    public long VisemeFrames { get; init; }

    /// <summary>Frame-level viseme accuracy.</summary>
    public double? VisemeAccuracy { get; init; }

    /// <summary>Accuracy of always answering the most frequent viseme class of the scored frames.</summary>
    public double? VisemeMajorityAccuracy { get; init; }
}
