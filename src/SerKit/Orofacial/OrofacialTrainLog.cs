using System.Globalization;
using System.Text;
using SerKit.IO;

namespace SerKit.Orofacial;

/// <summary>
/// Writes <c>train_log.csv</c> of an orofacial model:
/// <c>epoch,train_loss,loss_landmarks,loss_emotion,loss_viseme,valid_rmse,valid_baseline_rmse,valid_correlation,valid_emotion_ua,valid_viseme_accuracy,seconds</c>
/// (empty cells where there is no value).
/// </summary>
public static class OrofacialTrainLog
{
    /// <summary>The header line's columns.</summary>
    public const string Header = "epoch,train_loss,loss_landmarks,loss_emotion,loss_viseme,valid_rmse,valid_baseline_rmse,valid_correlation,valid_emotion_ua,valid_viseme_accuracy,seconds";

    /// <summary>Writes the rows atomically.</summary>
    public static void Write(string path, IReadOnlyList<OrofacialEpoch> rows)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (var v in new double?[] { r.TrainLoss, r.LandmarkLoss, r.EmotionLoss, r.VisemeLoss, r.ValidRmse, r.ValidBaselineRmse, r.ValidCorrelation, r.ValidEmotionUa, r.ValidVisemeAccuracy })
                sb.Append(',').Append(v is double d && double.IsFinite(d) ? d.ToString("0.######", CultureInfo.InvariantCulture) : "");
            sb.Append(',').Append(r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
