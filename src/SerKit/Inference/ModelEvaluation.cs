using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.Labels;
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
    /// The multi-label and distribution evaluation against the raters' votes (<see cref="VoteEvaluation"/>) of every utterance of
    /// <paramref name="manifest"/> with at least one vote for one of the model's classes, including those without a consensus
    /// label. Votes come from <paramref name="votes"/> or the manifest's <c>votes_&lt;CLASS&gt;</c> columns; null when there are none.
    /// Posteriors already in <paramref name="scored"/> are reused, the other utterances are scored.
    /// </summary>
    public static VoteEvaluation? RunVotes(SerClassifier classifier, Manifest manifest, IFeatureSource source, IReadOnlyList<Prediction> scored,
        VoteTable? votes = null, int batchSize = 64)
    {
        var counts = ManifestVotes.TryRead(manifest, classifier.Classes, votes);
        if (counts is null) return null;
        var ids = manifest.Items.Where(u => counts[u.Id] is { } c && c.Sum() > 0).Select(u => u.Id).ToArray();
        if (ids.Length == 0) return null;
        var posteriors = scored.ToDictionary(p => p.Key, p => p.Scores, StringComparer.Ordinal);
        var missing = ids.Where(id => !posteriors.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            var extra = WindowedScoring.Posteriors(classifier.Model, classifier.HeadName, source, missing, classifier.Config.Windows, batchSize);
            for (int i = 0; i < missing.Length; i++) posteriors[missing[i]] = extra[i];
        }
        return VoteEvaluation.Compute(ids.Select(id => posteriors[id]).ToArray(), ids.Select(id => counts[id]!).ToArray(), classifier.Classes);
    }

    /// <summary>
    /// Scores <paramref name="manifest"/> with the model in <paramref name="modelDir"/> and writes results.json,
    /// predictions.csv and confusion.png into <paramref name="outputDir"/> (atomically). Returns the metrics and how many utterances
    /// were left out for lack of one of the model's labels. When the raters' votes are known (<paramref name="votes"/> or the
    /// manifest's vote columns), results.json also holds the multi-label and distribution evaluation.
    /// </summary>
    public static (ClassificationMetrics Metrics, int Skipped) WriteResults(string modelDir, Manifest manifest, string outputDir,
        FeatureInput input, EvaluationInfo info, int threads, VoteTable? votes = null)
    {
        var (metrics, _, skipped) = WriteResultsAndVotes(modelDir, manifest, outputDir, input, info, threads, votes);
        return (metrics, skipped);
    }

    /// <summary>As <see cref="WriteResults"/>, also returning the evaluation against the votes (null when there are none).</summary>
    public static (ClassificationMetrics Metrics, VoteEvaluation? Votes, int Skipped) WriteResultsAndVotes(string modelDir, Manifest manifest,
        string outputDir, FeatureInput input, EvaluationInfo info, int threads, VoteTable? votes = null)
    {
        using var classifier = SerClassifier.Load(modelDir, threads: threads);
        var source = (input with { Settings = classifier.Config.Features, CacheBytes = 0 }).For(manifest);
        var (metrics, predictions, skipped) = Run(classifier, manifest, source);
        var voteMetrics = RunVotes(classifier, manifest, source, predictions, votes);
        Directory.CreateDirectory(outputDir);
        ResultsFiles.WriteResultsJson(Path.Combine(outputDir, ResultsFiles.ResultsFileName), metrics, info, voteMetrics);
        ResultsFiles.WritePredictionsCsv(Path.Combine(outputDir, ResultsFiles.PredictionsFileName), predictions, classifier.Classes);
        EvaluationPlots.ConfusionMatrixPng(Path.Combine(outputDir, "confusion.png"), metrics, info.Title);
        return (metrics, voteMetrics, skipped);
    }
}
