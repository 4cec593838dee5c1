using System.Globalization;
using System.Text;
using SerKit.IO;

namespace SerKit.Attributes;

/// <summary>
/// Writes an attribute model's <c>train_log.csv</c>: <c>epoch,train_loss,ccc_loss[,cluster_loss],valid_mean_ccc,valid_ccc_&lt;attribute&gt;…
/// [,kmeans_inertia,reseeded_clusters],seconds</c> (cluster columns for DeepEmoCluster). <see cref="SerKit.Evaluation.TrainLog"/> reads it.
/// </summary>
public static class AttributeTrainLog
{
    /// <summary>Writes the rows atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> attributes, bool clustering, IReadOnlyList<AttributeEpochRecord> rows)
    {
        var sb = new StringBuilder("epoch,train_loss,ccc_loss");
        if (clustering) sb.Append(",cluster_loss");
        sb.Append(",valid_mean_ccc");
        foreach (var a in attributes) sb.Append(",valid_ccc_").Append(a);
        if (clustering) sb.Append(",kmeans_inertia,reseeded_clusters");
        sb.Append(",seconds\n");
        foreach (var r in rows)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(r.TrainLoss)).Append(',').Append(F(r.CccLoss));
            if (clustering) sb.Append(',').Append(F(r.ClusterLoss));
            sb.Append(',').Append(F(r.ValidMeanCcc));
            foreach (var c in r.ValidCcc) sb.Append(',').Append(F(c));
            if (clustering) sb.Append(',').Append(F(r.KMeansInertia)).Append(',').Append(r.ReseededClusters?.ToString(CultureInfo.InvariantCulture) ?? "");
            sb.Append(',').Append(r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string F(double? v) => v is double d ? d.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
