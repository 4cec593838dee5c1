using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Orofacial;

/// <summary>
/// The table comparing orofacial variants (single-task versus multitask with emotion and/or viseme recognition) on one test set:
/// <c>orofacial.md</c> (a markdown table) and <c>orofacial.json</c> (the same numbers, snake_case keys), written atomically.
/// </summary>
public static class OrofacialReport
{
    /// <summary>File names the report writes.</summary>
    public const string MarkdownFile = "orofacial.md", JsonFile = "orofacial.json";

    /// <summary>Writes both files into <paramref name="folder"/>; returns the markdown.</summary>
    public static string Write(string folder, IReadOnlyList<OrofacialVariantResult> results, string title = "Speech-driven orofacial movement")
    {
        if (results.Count == 0) throw new ArgumentException("no result to report");
        Directory.CreateDirectory(folder);
        var markdown = Markdown(results, title);
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), markdown);
        var json = new JsonObject
        {
            ["title"] = title,
            ["unit"] = "inter-ocular distance (T2 normalisation)",
            ["variants"] = new JsonArray(results.Select(r => (JsonNode)ToJson(r)).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(folder, JsonFile), json.ToJsonString(ModelJson.Options) + "\n");
        return markdown;
    }

    /// <summary>The markdown table of <paramref name="results"/>.</summary>
    public static string Markdown(IReadOnlyList<OrofacialVariantResult> results, string title = "Speech-driven orofacial movement")
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(title).Append("\n\n");
        var first = results[0].Metrics;
        sb.Append($"Test set: {first.Utterances} utterances, {first.Frames} frames with landmarks. Landmarks: jaw 0–16 and mouth 48–67, ")
          .Append("T2-normalised (unit: inter-ocular distance). RMSE over the 74 coordinates; r = Pearson correlation per coordinate, ")
          .Append("mean over coordinates; baseline = the mean shape on every frame.\n\n");
        sb.Append("| variant | visemes | RMSE | baseline RMSE | jaw RMSE | mouth RMSE | mean r | mouth-opening r | emotion UA | emotion macro-F1 | viseme accuracy (majority) |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in results)
        {
            var m = r.Metrics;
            sb.Append($"| {r.Variant} | {(r.Visemes == VisemeSource.None ? "—" : r.Visemes.ToString().ToLowerInvariant())} | {F(m.Rmse, 4)} | {F(m.BaselineRmse, 4)} | ")
              .Append($"{F(m.JawRmse, 4)} | {F(m.MouthRmse, 4)} | {F(m.MeanCorrelation, 3)} | {F(m.MouthOpeningCorrelation, 3)} | ")
              .Append($"{F(m.EmotionUa, 3)} | {F(m.EmotionMacroF1, 3)} | ")
              .Append(m.VisemeAccuracy is double a ? $"{F(a, 3)} ({F(m.VisemeMajorityAccuracy, 3)})" : "—").Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>One result as a JSON object (variant, visemes, model, kept_epoch and the metrics).</summary>
    public static JsonObject ToJson(OrofacialVariantResult r)
    {
        var o = new JsonObject
        {
            ["variant"] = r.Variant,
            ["visemes"] = r.Visemes.ToString().ToLowerInvariant(),
            ["model"] = r.ModelDirectory,
            ["kept_epoch"] = r.KeptEpoch,
        };
        var metrics = JsonSerializer.SerializeToNode(r.Metrics, ModelJson.Options)!.AsObject();
        foreach (var (k, v) in metrics.ToArray())
        {
            metrics.Remove(k);
            // Undefined values (NaN: e.g. a correlation without variance) are written as null.
            o[k] = v is not null && v.GetValueKind() == JsonValueKind.String ? null : v;
        }
        return o;
    }

    private static string F(double? v, int digits) => v is double d && double.IsFinite(d) ? d.ToString("F" + digits, CultureInfo.InvariantCulture) : "—";
}
