using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Training;

namespace SerKit.Inference;

/// <summary>Scores every labelled utterance of a manifest with a trained model and computes the metrics.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Predictions (key = utterance id, truth = index of its label, scores = averaged posteriors) for the utterances of
    /// <paramref name="manifest"/> whose label is one of the model's classes, and the metrics over them. Utterances with
    /// other labels or none are counted in <c>Skipped</c>.
    /// </summary>
    public static (ClassificationMetrics Metrics, IReadOnlyList<Prediction> Predictions, int Skipped) Run(SerClassifier classifier, Manifest manifest,
        IFeatureSource source, int batchSize = 64)
    {
        var examples = FineTuning.Examples(manifest, classifier.Classes);
        if (examples.Count == 0)
            throw new ArgumentException($"{manifest.Source ?? manifest.Root}: no utterance is labelled with one of the model's classes ({string.Join(", ", classifier.Classes)})");
        var posteriors = WindowedScoring.Posteriors(classifier.Model, classifier.HeadName, source, examples.Select(e => e.Id).ToArray(),
            classifier.Config.Windows, batchSize);
        var predictions = examples.Select((e, i) =>
        {
            var p = posteriors[i];
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            return new Prediction(e.Id, best, e.Labels[0], p);
        }).ToArray();
        var metrics = ClassificationMetrics.Compute(predictions.Select(p => p.Truth!.Value).ToArray(), predictions.Select(p => p.Predicted).ToArray(), classifier.Classes);
        return (metrics, predictions, manifest.Items.Count - examples.Count);
    }

    /// <summary>
    /// Scores <paramref name="manifest"/> with the model in <paramref name="modelDir"/> and writes results.json,
    /// predictions.csv and confusion.png into <paramref name="outputDir"/> (atomically). Returns the metrics and how many utterances
    /// were left out for lack of one of the model's labels.
    /// </summary>
    public static (ClassificationMetrics Metrics, int Skipped) WriteResults(string modelDir, Manifest manifest, string outputDir,
        FeatureInput input, EvaluationInfo info, int threads)
    {
        using var classifier = SerClassifier.Load(modelDir, threads: threads);
        var source = (input with { Settings = classifier.Config.Features, CacheBytes = 0 }).For(manifest);
        var (metrics, predictions, skipped) = Run(classifier, manifest, source);
        Directory.CreateDirectory(outputDir);
        ResultsFiles.WriteResultsJson(Path.Combine(outputDir, ResultsFiles.ResultsFileName), metrics, info);
        ResultsFiles.WritePredictionsCsv(Path.Combine(outputDir, ResultsFiles.PredictionsFileName), predictions, classifier.Classes);
        EvaluationPlots.ConfusionMatrixPng(Path.Combine(outputDir, "confusion.png"), metrics, info.Title);
        return (metrics, skipped);
    }
}
