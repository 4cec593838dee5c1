namespace SerKit.Orofacial;

/// <summary>
/// One row of an orofacial model's <c>train_log.csv</c>: the mean training loss (total and per task: standardised landmark MSE,
/// emotion and viseme cross-entropy), the validation metrics when there is a validation set (RMSE, the mean-shape predictor's RMSE, mean r, emotion UA, viseme accuracy), and the epoch's wall time.
/// </summary>
public sealed record OrofacialEpoch(int Epoch, double TrainLoss, double? LandmarkLoss, double? EmotionLoss, double? VisemeLoss,
    double? ValidRmse, double? ValidBaselineRmse, double? ValidCorrelation, double? ValidEmotionUa, double? ValidVisemeAccuracy, double Seconds);
