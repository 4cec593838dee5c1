using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Orofacial;

/// <summary>
/// Trains an <see cref="OrofacialModel"/> with Adam (<see cref="AdamOptimizer"/>, <see cref="TrainingOptions"/>), one dispose scope per
/// batch, following the conventions of <see cref="Trainer"/>: each epoch shuffles the utterances and draws crops
/// (<see cref="ScoringWindows.WindowFrames"/> frames) from a generator seeded by (seed, epoch) and reseeds the dropout masks the same
/// way; after each epoch the validation set is scored whole and the epoch with the lowest landmark RMSE is kept (early stopping after
/// <see cref="TrainingOptions.Patience"/> epochs without a lower one; ties keep the earlier epoch); a checkpoint and
/// <c>train_log.csv</c> are written. Without a validation set every epoch runs and the last is kept. With <c>resume</c> a run continues
/// from its checkpoint and ends with the same weights as an uninterrupted one.
/// <para>Loss of a batch: the mean squared error of the standardised landmark outputs over the frames with landmarks (mean over the
/// 74 coordinates; 1 for a predictor of the training mean) + <see cref="OrofacialTaskWeights.Emotion"/> × the emotion cross-entropy over
/// the utterances with a class + <see cref="OrofacialTaskWeights.Viseme"/> × the viseme cross-entropy over the frames with a class.</para>
/// </summary>
public sealed class OrofacialTrainer
{
    private readonly OrofacialModel _model;
    private readonly OrofacialTaskWeights _weights;
    private readonly TrainingOptions _options;

    /// <summary>A trainer of <paramref name="model"/> (initialised, input normalisation set).</summary>
    public OrofacialTrainer(OrofacialModel model, OrofacialTaskWeights weights, TrainingOptions options)
    {
        options.Validate();
        weights.Validate();
        _model = model;
        _weights = weights;
        _options = options;
    }

    /// <summary>
    /// Runs the training and writes the model folder <paramref name="modelDir"/> (config <paramref name="config"/>, its
    /// <see cref="OrofacialConfig.Training"/> extended with the run's settings). Without <paramref name="resume"/> the folder must not
    /// hold a model or checkpoint yet.
    /// </summary>
    public OrofacialTrainingOutcome Run(IReadOnlyList<OrofacialExample> train, IFeatureSource trainFeatures,
        IReadOnlyList<OrofacialExample>? valid, IFeatureSource? validFeatures, string modelDir, OrofacialConfig config, FeatureNormalization normalization,
        bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (train.Count == 0) throw new ArgumentException("no training utterance");
        if (valid is { Count: 0 }) throw new ArgumentException("the validation set is empty");
        if (valid != null && validFeatures is null) throw new ArgumentException("a validation set needs its features");
        TorchRuntime.Start(_options.Threads);
        modelDir = Path.GetFullPath(modelDir);
        var fingerprint = Fingerprint(train, valid, config);
        var checkpoint = resume ? OrofacialCheckpoint.TryRead(modelDir) : null;
        CheckpointFile.PrepareFolder(modelDir, OrofacialCheckpoint.PathIn(modelDir), resume, checkpoint?.Fingerprint, fingerprint);

        using var adam = new AdamOptimizer(_model.named_parameters().Select(p => (p.name, p.parameter)), _options);
        // Without a validation set no epoch is validated: the run never stops early and keeps the last epoch.
        var run = new ResumableRun<OrofacialEpoch>("orofacial", _options, _model, adam, fingerprint, checkpoint, OrofacialCheckpoint.PathIn(modelDir), progress);
        double? bestRmse = checkpoint?.BestRmse;
        int batches = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        int crop = _options.Windows.WindowFrames;
        foreach (int epoch in run.Epochs(cancellation))
        {
            _model.train();
            var (rng, order) = run.BeginEpoch(epoch, _model.Dropout, train.Count);
            double lossSum = 0;
            int lossBatches = 0;
            var sums = new double[3];
            var counts = new long[3];
            for (int b = 0; b < batches; b++)
            {
                var members = order.Skip(b * _options.BatchSize).Take(_options.BatchSize).Select(i => train[i]).ToArray();
                var batch = OrofacialBatch.Build(members, trainFeatures, crop, rng);
                using (var scope = NewDisposeScope())
                {
                    var terms = Loss(batch);
                    if (terms.Total is not null)
                    {
                        _model.zero_grad();
                        terms.Total.backward();
                        if (_options.GradientClip > 0) nn.utils.clip_grad_norm_(adam.Parameters, _options.GradientClip);
                        adam.Step();
                        lossSum += terms.Total.item<float>();
                        lossBatches++;
                        for (int k = 0; k < 3; k++)
                            if (terms.Values[k] is double v) { sums[k] += v * terms.Counts[k]; counts[k] += terms.Counts[k]; }
                    }
                }
                run.ReportBatch(epoch, b, batches, lossBatches > 0 ? lossSum / lossBatches : double.NaN);
            }
            _model.zero_grad();

            OrofacialMetrics? metrics = null;
            if (valid != null)
            {
                metrics = OrofacialScoring.Evaluate(_model, valid, validFeatures!, _options.ScoringBatchSize);
                if (run.Stopping.Update(epoch + 1, bestRmse is null || metrics.Rmse < bestRmse, _model)) bestRmse = metrics.Rmse;
            }
            double? Mean(int k) => counts[k] > 0 ? sums[k] / counts[k] : null;
            var record = new OrofacialEpoch(epoch + 1, lossBatches > 0 ? lossSum / lossBatches : double.NaN, Mean(0), Mean(1), Mean(2),
                metrics?.Rmse, metrics?.BaselineRmse, metrics?.MeanCorrelation, metrics?.EmotionUa, metrics?.VisemeAccuracy, run.EpochSeconds);
            run.Log.Add(record);
            new OrofacialCheckpoint(run, epoch + 1) { BestRmse = bestRmse }.Write(modelDir);
            OrofacialTrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), run.Log);
            run.ReportEpoch(epoch, Describe(record));
        }

        run.Stopping.RestoreBest(_model);
        _model.eval();
        var log = run.Log;
        int kept = run.KeptEpoch;
        // A finished run resumed again trains nothing: its saved model is this run's end, so the folder is left as it is.
        if (log.Count == run.ResumedAfter && SavedEnd(modelDir) == (log.Count, kept))
            return new OrofacialTrainingOutcome(modelDir, log.Count, kept, bestRmse, run.ResumedAfter, log);
        var training = config.Training?.DeepClone().AsObject() ?? new JsonObject();
        training["stage"] = "orofacial";
        training["variant"] = config.Variant;
        training["task_weights"] = JsonSerializer.SerializeToNode(_weights, ModelJson.Options);
        training["options"] = JsonSerializer.SerializeToNode(_options, ModelJson.Options);
        training["train_utterances"] = train.Count;
        training["valid_utterances"] = valid?.Count;
        training["epochs_run"] = log.Count;
        training["kept_epoch"] = kept;
        training["best_valid_rmse"] = bestRmse;
        training["libtorch"] = TorchRuntime.Version;
        OrofacialModelDirectory.Save(modelDir, _model, config with { Training = training }, normalization);
        OrofacialTrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), log);
        return new OrofacialTrainingOutcome(modelDir, log.Count, kept, bestRmse, run.ResumedAfter, log);
    }

    /// <summary>Epochs run and kept epoch of the finished model saved in <paramref name="modelDir"/>; null when there is none or it cannot be read.</summary>
    private static (int EpochsRun, int KeptEpoch)? SavedEnd(string modelDir)
    {
        if (!OrofacialModelDirectory.IsModel(modelDir)) return null;
        try
        {
            var training = OrofacialConfig.Read(Path.Combine(modelDir, ModelDirectory.ConfigFile)).Training;
            return training?["epochs_run"] is { } run && training["kept_epoch"] is { } kept ? (run.GetValue<int>(), kept.GetValue<int>()) : null;
        }
        catch (Exception e) when (e is OrofacialFileException or IOException or FormatException or InvalidOperationException) { return null; }
    }

    /// <summary>The loss terms of a batch: total (null when the batch has nothing to learn from), and per task (landmarks, emotion, viseme) the value and how many frames/utterances it averaged.</summary>
    private (Tensor? Total, double?[] Values, long[] Counts) Loss(OrofacialBatch batch)
    {
        var lengths = batch.LengthTensor();
        var states = _model.call(batch.FeatureTensor(), lengths);
        var values = new double?[3];
        var counts = new long[3];
        Tensor? total = null;
        void Add(int k, Tensor term, double weight, long count)
        {
            values[k] = term.item<float>();
            counts[k] = count;
            var weighted = weight == 1 ? term : term.mul(weight);
            total = total is null ? weighted : total.add(weighted);
        }
        if (batch.MaskedFrames > 0)
        {
            var error = _model.StandardisedLandmarks(states).sub(_model.Standardise(batch.TargetTensor())).square().mean([2L]);
            Add(0, error.masked_select(batch.MaskTensor()).mean(), 1, batch.MaskedFrames);
        }
        if (_model.HasEmotion && _weights.Emotion > 0 && batch.EmotionCount > 0)
            Add(1, nn.functional.cross_entropy(_model.EmotionLogits(states, lengths), batch.EmotionTensor(), ignore_index: -1), _weights.Emotion, batch.EmotionCount);
        if (_model.HasViseme && _weights.Viseme > 0 && batch.VisemeFrames > 0)
        {
            var logits = _model.VisemeLogits(states);
            Add(2, nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), batch.VisemeTensor().reshape(-1), ignore_index: -1), _weights.Viseme, batch.VisemeFrames);
        }
        return (total, values, counts);
    }

    private string Describe(OrofacialEpoch r)
    {
        var sb = new StringBuilder($"epoch {r.Epoch}/{_options.Epochs}: train loss {r.TrainLoss:0.0000}");
        if (r.LandmarkLoss is double l) sb.Append($" (landmarks {l:0.0000}");
        if (r.EmotionLoss is double e) sb.Append($", emotion {e:0.0000}");
        if (r.VisemeLoss is double v) sb.Append($", viseme {v:0.0000}");
        if (r.LandmarkLoss is not null) sb.Append(')');
        if (r.ValidRmse is double rmse) sb.Append($"; valid RMSE {rmse:0.00000} (mean shape {r.ValidBaselineRmse:0.00000}), r {r.ValidCorrelation:0.000}");
        if (r.ValidEmotionUa is double ua) sb.Append($", emotion UA {ua:0.000}");
        if (r.ValidVisemeAccuracy is double acc) sb.Append($", viseme acc {acc:0.000}");
        sb.Append($" ({r.Seconds:0.0} s)");
        return sb.ToString();
    }

    /// <summary>A hash of everything that must not change between a run and its resumption (epochs and patience may).</summary>
    private string Fingerprint(IReadOnlyList<OrofacialExample> train, IReadOnlyList<OrofacialExample>? valid, OrofacialConfig config)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Text("orofacial");
        Text(JsonSerializer.Serialize(_options with { Epochs = 1, Patience = 0, ScoringBatchSize = 1 }, ModelJson.Options));
        Text(JsonSerializer.Serialize(_weights, ModelJson.Options));
        Text(JsonSerializer.Serialize(config with { Training = null }, ModelJson.Options));
        foreach (var set in new[] { train, valid })
        {
            Text("--");
            if (set == null) continue;
            foreach (var e in set)
            {
                Text($"{e.Id}\t{e.Emotion}\t{e.Utterance.Frames}");
                hash.AppendData(MemoryMarshal.AsBytes(e.Utterance.Shapes.AsSpan()));
                hash.AppendData(MemoryMarshal.AsBytes(e.Utterance.Valid.AsSpan()));
                if (e.Visemes is { } v) hash.AppendData(MemoryMarshal.AsBytes(v.AsSpan()));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
