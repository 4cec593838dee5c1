using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Attributes;

/// <summary>
/// Scores the rated utterances of a manifest with an attribute model (a model with a regression head, <see cref="AttributeTraining"/>) and
/// writes <c>results.json</c> (CCC per attribute and their mean, Pearson's r, RMSE), <c>predictions.csv</c> and, for a DeepEmoCluster model
/// (a <c>clusters.json</c> beside the weights), each utterance's cluster (nearest centroid) and the cluster attribute table with its plot.
/// </summary>
public static class AttributeEvaluation
{
    /// <summary>True when the model folder's config has a regression head (an attribute model).</summary>
    public static bool IsAttributeModel(string modelDir)
    {
        var path = Path.Combine(modelDir, ModelDirectory.ConfigFile);
        return File.Exists(path) && ModelConfig.Read(path).Heads.Any(h => h.IsRegression);
    }

    /// <summary>Loads <paramref name="modelDir"/>, scores <paramref name="manifest"/> and writes the results into <paramref name="outputDir"/>.</summary>
    /// <exception cref="ManifestException">The manifest lacks an attribute column of the model or holds a value that is not a number.</exception>
    public static AttributeEvaluationOutput WriteResults(string modelDir, Manifest manifest, string outputDir, FeatureInput input, EvaluationInfo info, int threads = 1)
    {
        TorchRuntime.Start(threads);
        var (model, config, _) = ModelDirectory.Load(modelDir);
        using (model)
        {
            var clustersPath = Path.Combine(modelDir, EmbeddingClusters.FileName);
            var output = Run(model, config, manifest, input with { Settings = config.Features, CacheBytes = 0 }, 64,
                File.Exists(clustersPath) ? EmbeddingClusters.Read(clustersPath) : null,
                $"{(manifest.Source is { } s ? Path.GetFileName(s) : "manifest")}{(info.Split is { } split ? $", {split}" : "")}");
            Write(outputDir, output, info);
            return output;
        }
    }

    /// <summary>Scores the rated utterances of <paramref name="manifest"/> with <paramref name="model"/> (evaluation mode); <paramref name="clusters"/> assigns clusters.</summary>
    /// <param name="subset">Names the utterances in the cluster table (default: the manifest's file name).</param>
    public static AttributeEvaluationOutput Run(SerModel model, ModelConfig config, Manifest manifest, FeatureInput input, int batchSize, EmbeddingClusters? clusters,
        string? subset = null)
    {
        var head = config.Heads.FirstOrDefault(h => h.IsRegression) ?? throw new ArgumentException("the model has no regression head (it is not an attribute model)");
        var table = AttributeTable.Read(manifest, head.Classes);
        if (table.Rated.Count == 0) throw new ArgumentException($"{manifest.Source ?? manifest.Root}: no utterance has every attribute ({string.Join(", ", head.Classes)})");
        model.eval();
        var source = input.For(manifest);
        var embeddings = AttributeScoring.Embeddings(model, source, table.Rated, config.Windows, batchSize);
        var predicted = AttributeScoring.Predict(model, head.Name, embeddings);
        var truth = table.Rated.Select(id => table[id]).ToArray();
        var assigned = clusters is null ? null : embeddings.Select(clusters.Assign).ToArray();
        var predictions = table.Rated.Select((id, i) => new AttributePrediction(id, predicted[i], truth[i], assigned?[i])).ToArray();
        var metrics = AttributeMetrics.Compute(head.Classes, truth, predicted);
        var clusterTable = clusters is null ? null : ClusterAttributeTable.Build(head.Classes, clusters.Count, truth, assigned!, subset ?? (manifest.Source is { } s ? Path.GetFileName(s) : "evaluated set"));
        return new AttributeEvaluationOutput(metrics, predictions, table.Unrated.Count, clusterTable);
    }

    /// <summary>Writes results.json, predictions.csv and (with clusters) the cluster attribute table and plot into <paramref name="outputDir"/>.</summary>
    public static void Write(string outputDir, AttributeEvaluationOutput output, EvaluationInfo info)
    {
        Directory.CreateDirectory(outputDir);
        AttributeResultsFiles.WriteResultsJson(Path.Combine(outputDir, ResultsFiles.ResultsFileName), output.Metrics, info, output.Clusters?.Rows.Count);
        AttributeResultsFiles.WritePredictionsCsv(Path.Combine(outputDir, ResultsFiles.PredictionsFileName), output.Predictions, output.Metrics.Attributes);
        if (output.Clusters is { } table)
            WriteClusterTable(outputDir, table, output.Predictions.Select(p => p.Truth!).ToArray(), output.Predictions.Select(p => p.Cluster!.Value).ToArray(), info.Title);
    }

    /// <summary>Writes <c>cluster_attributes.json</c>, <c>.md</c> and <c>.png</c> of <paramref name="table"/> into <paramref name="dir"/>.</summary>
    public static void WriteClusterTable(string dir, ClusterAttributeTable table, IReadOnlyList<double[]> values, IReadOnlyList<int> clusters, string? title)
    {
        table.WriteJson(Path.Combine(dir, ClusterAttributeTable.JsonFile));
        IO.AtomicFile.WriteAllText(Path.Combine(dir, ClusterAttributeTable.MarkdownFile), table.ToMarkdown());
        ClusterPlots.AttributesPng(Path.Combine(dir, ClusterAttributeTable.PlotFile), table, values, clusters, title);
    }
}
