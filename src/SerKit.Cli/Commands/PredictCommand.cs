using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SerKit.Inference;
using SerKit.IO;
using SerKit.Media;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit predict</c>: emotion label and per-class scores for media files.</summary>
public static class PredictCommand
{
    private static readonly HashSet<string> MediaExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".aac", ".wma", ".mp4", ".flv", ".mkv", ".avi", ".mov", ".webm",
    };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Trained model folder.", Required = true, HelpName = "MODEL" };
        var input = new Argument<string>("input") { Description = "A media file, or a folder whose media files (recursively) are classified." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to out.csv or out.json (default: CSV on standard output).", HelpName = "FILE" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("predict",
            "Classify speech: label and per-class scores (posteriors) per file, as CSV (path,label,windows,score_<class>...) or JSON; "
            + "with an attribute model ('serkit attributes'), the attributes per file (path,<attribute>...[,cluster],windows). "
            + "Files longer than the model's window (3 s by default) are scored in windows with a hop of half a window and the windows' posteriors averaged.")
        { model, input, output, threads };
        command.SetAction(parse => TrainingCommandOptions.Run(parse, "predict", o =>
        {
            var path = parse.GetRequiredValue(input);
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => MediaExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray()
                : File.Exists(path) ? [path] : throw new FileNotFoundException($"{path}: no such file or folder");
            if (files.Length == 0) throw new ArgumentException($"{path}: no media files");
            if (Attributes.AttributeEvaluation.IsAttributeModel(parse.GetRequiredValue(model)))
                return PredictAttributes(o, parse.GetRequiredValue(model), files, parse.GetValue(output), parse.GetValue(threads));
            using var classifier = SerClassifier.Load(parse.GetRequiredValue(model), threads: parse.GetValue(threads));
            var results = new List<(string Path, ClassificationResult? Result, string? Error)>();
            foreach (var f in files)
            {
                try { results.Add((f, classifier.Classify(f), null)); }
                catch (MediaException e) when (files.Length > 1) { results.Add((f, null, e.Message)); }
            }
            var target = parse.GetValue(output);
            var text = target?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? Json(results) : Csv(results, classifier.Classes);
            if (target is null) o.Write(text);
            else
            {
                AtomicFile.WriteAllText(target, text);
                o.WriteLine($"classified {results.Count(r => r.Result != null)} of {files.Length} file(s); wrote {target}");
            }
            foreach (var (f, _, error) in results.Where(r => r.Error != null)) Console.Error.WriteLine($"serkit predict: {error}");
            return results.Any(r => r.Error != null) ? 1 : 0;
        }));
        return command;
    }

    /// <summary>An attribute model: <c>path,&lt;attribute&gt;…[,cluster],windows</c> per file (or JSON).</summary>
    private static int PredictAttributes(TextWriter o, string modelDir, string[] files, string? target, int threads)
    {
        using var regressor = Attributes.AttributeRegressor.Load(modelDir, threads);
        var results = new List<(string Path, Attributes.AttributeResult? Result, string? Error)>();
        foreach (var f in files)
        {
            try { results.Add((f, regressor.Predict(f), null)); }
            catch (MediaException e) when (files.Length > 1) { results.Add((f, null, e.Message)); }
        }
        string text;
        if (target?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true)
            text = JsonSerializer.Serialize(results.Select(r => r.Result is null
                ? (object)new { path = r.Path, error = r.Error }
                : new { path = r.Path, attributes = r.Result.Values, cluster = r.Result.Cluster, windows = r.Result.Windows }),
                new JsonSerializerOptions { WriteIndented = true }) + "\n";
        else
        {
            var sb = new StringBuilder("path");
            foreach (var a in regressor.Attributes) sb.Append(',').Append(a);
            if (regressor.HasClusters) sb.Append(",cluster");
            sb.Append(",windows\n");
            foreach (var (p, r, _) in results)
            {
                if (r is null) continue;
                sb.Append(Quote(p));
                foreach (var a in regressor.Attributes) sb.Append(',').Append(r.Values[a].ToString("0.####", CultureInfo.InvariantCulture));
                if (regressor.HasClusters) sb.Append(',').Append(r.Cluster);
                sb.Append(',').Append(r.Windows).Append('\n');
            }
            text = sb.ToString();
        }
        if (target is null) o.Write(text);
        else
        {
            AtomicFile.WriteAllText(target, text);
            o.WriteLine($"predicted {results.Count(r => r.Result != null)} of {files.Length} file(s); wrote {target}");
        }
        foreach (var (_, _, error) in results.Where(r => r.Error != null)) Console.Error.WriteLine($"serkit predict: {error}");
        return results.Any(r => r.Error != null) ? 1 : 0;
    }

    private static string Csv(IEnumerable<(string Path, ClassificationResult? Result, string? Error)> results, IReadOnlyList<string> classes)
    {
        var sb = new StringBuilder("path,label,windows");
        foreach (var c in classes) sb.Append(",score_").Append(c);
        sb.Append('\n');
        foreach (var (path, r, _) in results)
        {
            if (r is null) continue;
            sb.Append(Quote(path)).Append(',').Append(r.Label).Append(',').Append(r.Windows);
            foreach (var c in classes) sb.Append(',').Append(r.Scores[c].ToString("0.######", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Json(IEnumerable<(string Path, ClassificationResult? Result, string? Error)> results) =>
        JsonSerializer.Serialize(results.Select(r => r.Result is null
            ? (object)new { path = r.Path, error = r.Error }
            : new { path = r.Path, label = r.Result.Label, windows = r.Result.Windows, scores = r.Result.Scores }),
            new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
