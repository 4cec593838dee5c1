using System.Globalization;
using System.Text;
using SerKit.IO;

namespace SerKit.Training;

/// <summary>Writes <c>train_log.csv</c>: <c>epoch,train_loss,valid_loss,valid_macro_f1,valid_ua,valid_wa,loss_&lt;task&gt;…,seconds</c> (empty cells where there is no value).</summary>
public static class TrainLog
{
    /// <summary>Writes the rows atomically.</summary>
    public static void Write(string path, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<EpochRecord> rows)
    {
        var sb = new StringBuilder();
        sb.Append("epoch,train_loss,valid_loss,valid_macro_f1,valid_ua,valid_wa");
        foreach (var t in tasks) sb.Append(",loss_").Append(t.Name);
        sb.Append(",seconds\n");
        foreach (var r in rows)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(F(r.TrainLoss))
              .Append(',').Append(F(r.ValidLoss)).Append(',').Append(F(r.ValidMacroF1))
              .Append(',').Append(F(r.ValidUa)).Append(',').Append(F(r.ValidWa));
            foreach (var l in r.TaskLosses) sb.Append(',').Append(F(l));
            sb.Append(',').Append(r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string F(double? v) => v is double d ? d.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
