using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.Evaluation;
using SerKit.Inference;
using SerKit.Labels;
using SerKit.Modeling;
using SerKit.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// Trains a <see cref="SerModel"/> on one or more tasks with the masked multitask loss and Adam, one
/// dispose scope per batch. Each epoch shuffles the data and draws crops (none for a chunk-level encoder,
/// which takes whole utterances) from a generator seeded by (seed, epoch) and reseeds libtorch's generator (dropout) the same way. After each epoch it scores the
/// validation set (first task: macro-F1, UA, WA, loss), keeps the best epoch's weights (early stopping
/// after <see cref="TrainingOptions.Patience"/> epochs without improvement), and writes a checkpoint and
/// <c>train_log.csv</c>. Validation always scores the first task's integer (consensus) label, also when the task trains
/// on soft targets (<see cref="TaskSpec.Objective"/>); utterances without one are not validated. At the end the model folder receives the kept weights, <c>config.json</c> and
/// <c>normalization.json</c>. With <c>resume</c>, a run continues from the last checkpoint and ends with
/// the same weights as an uninterrupted run.
/// </summary>
public sealed class Trainer
{
    private readonly SerModel _model;
    private readonly IReadOnlyList<TaskSpec> _tasks;
    private readonly TrainingOptions _options;
    private readonly PenalisedLoss?[] _objectives;

    /// <summary>A trainer of <paramref name="model"/> (initialised, normalisation set) for <paramref name="tasks"/>, each on the head of the same name.</summary>
    public Trainer(SerModel model, IReadOnlyList<TaskSpec> tasks, TrainingOptions options)
    {
        options.Validate();
        if (tasks.Count == 0) throw new ArgumentException("no task to train");
        foreach (var t in tasks)
        {
            var head = model.Head(t.Name);
            if (!head.Classes.SequenceEqual(t.Classes)) throw new ArgumentException($"task {t.Name}: classes differ from the model head's");
            if (t.Weight < 0) throw new ArgumentException($"task {t.Name}: weight must not be negative");
        }
        _objectives = tasks.Select(t => t.Objective is { } o
            ? new PenalisedLoss(t.Classes.Count, o.Penalty?.For(t.Classes), o.Penalty is null ? 0 : o.Alpha)
            : null).ToArray();
        _model = model;
        _tasks = tasks;
        _options = options;
    }

    /// <summary>
    /// Runs the training and writes the model folder <paramref name="modelDir"/>. <paramref name="config"/> is the
    /// config to write (its <see cref="ModelConfig.Training"/> is extended with the run's settings);
    /// <paramref name="stage"/> names the run (<c>pretrain</c>, <c>finetune</c>). Without <paramref name="resume"/> the
    /// folder must not hold a model or checkpoint yet.
    /// </summary>
    public TrainingOutcome Run(string stage, TrainingSet train, TrainingSet? valid, string modelDir, ModelConfig config,
        FeatureNormalization normalization, bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        train.Validate(_tasks, "training set");
        valid?.Validate(_tasks, "validation set");
        var validItems = valid?.Examples.Where(e => e.Labels[0] is not null).ToArray();
        if (valid != null && validItems!.Length == 0) throw new ArgumentException($"validation set: no utterance has a label for task {_tasks[0].Name}");
        TorchRuntime.Start(_options.Threads);

        modelDir = Path.GetFullPath(modelDir);
        var fingerprint = Fingerprint(stage, train, valid, config);
        var checkpoint = resume ? TrainingCheckpoint.TryRead(modelDir) : null;
        CheckpointFile.PrepareFolder(modelDir, TrainingCheckpoint.PathIn(modelDir), resume, checkpoint?.Fingerprint, fingerprint);

        var trainable = _model.named_parameters()
            .Where(p => !_options.FreezeEncoder || p.name.StartsWith("heads.", StringComparison.Ordinal))
            .ToArray();
        if (_options.FreezeEncoder)
            foreach (var (name, p) in _model.named_parameters()) if (!name.StartsWith("heads.", StringComparison.Ordinal)) p.requires_grad = false;
        using var adam = new AdamOptimizer(trainable.Select(p => (p.name, p.parameter)), _options);

        var run = new ResumableRun<EpochRecord>(stage, _options, _model, adam, fingerprint, checkpoint, TrainingCheckpoint.PathIn(modelDir), progress);
        double? bestScore = checkpoint?.BestScore, bestLoss = checkpoint?.BestLoss;

        var examples = train.Examples;
        int batches = (examples.Count + _options.BatchSize - 1) / _options.BatchSize;
        var weights = _tasks.Select(t => t.Weight).ToArray();
        // The chunk-level encoder sees whole utterances (dynamic chunking maps any length to C chunks); the transformer a crop.
        int crop = _model.Config.IsChunkLevel ? int.MaxValue : _options.Windows.WindowFrames;
        foreach (int epoch in run.Epochs(cancellation))
        {
            _model.train();
            if (_options.FreezeEncoder) _model.SetEncoderTraining(false);
            var (rng, order) = run.BeginEpoch(epoch, _model.Dropout, examples.Count);

            double lossSum = 0;
            int lossBatches = 0;
            var taskSums = new double[_tasks.Count];
            var taskCounts = new int[_tasks.Count];
            for (int b = 0; b < batches; b++)
            {
                int first = b * _options.BatchSize;
                var members = new TrainingExample[Math.Min(_options.BatchSize, examples.Count - first)];
                for (int i = 0; i < members.Length; i++) members[i] = examples[order[first + i]];
                var batch = TrainingBatch.Build(members, train.Features, _tasks.Count, crop, rng, _tasks);
                using (var scope = NewDisposeScope())
                {
                    var labelled = Enumerable.Range(0, _tasks.Count).Select(batch.Labelled).ToArray();
                    var embedding = _model.call(batch.FeatureTensor(), batch.LengthTensor());
                    var logits = _tasks.Select((t, k) => labelled[k] > 0 && weights[k] > 0 ? _model.Logits(t.Name, embedding) : null).ToArray();
                    var targets = Enumerable.Range(0, _tasks.Count).Select(batch.TargetTensor).ToArray();
                    var soft = Enumerable.Range(0, _tasks.Count).Select(batch.SoftTargetTensor).ToArray();
                    var (total, perTask) = MaskedMultitaskLoss.Compute(logits, targets, weights, labelled, _objectives, soft);
                    if (total is not null)
                    {
                        _model.zero_grad();
                        total.backward();
                        if (_options.GradientClip > 0) nn.utils.clip_grad_norm_(adam.Parameters, _options.GradientClip);
                        adam.Step();
                        lossSum += total.item<float>();
                        lossBatches++;
                        for (int k = 0; k < _tasks.Count; k++)
                            if (perTask[k] is double l) { taskSums[k] += l * labelled[k]; taskCounts[k] += labelled[k]; }
                    }
                }
                run.ReportBatch(epoch, b, batches, lossBatches > 0 ? lossSum / lossBatches : double.NaN);
            }
            _model.zero_grad();

            double? validLoss = null, f1 = null, ua = null, wa = null;
            if (valid != null)
            {
                _model.eval();
                var posteriors = WindowedScoring.Posteriors(_model, _tasks[0].Name, valid.Features, validItems!.Select(e => e.Id).ToArray(),
                    _options.Windows, _options.ScoringBatchSize);
                var truth = validItems!.Select(e => e.Labels[0]!.Value).ToArray();
                var predicted = posteriors.Select(ArgMax).ToArray();
                var metrics = ClassificationMetrics.Compute(truth, predicted, _tasks[0].Classes);
                validLoss = truth.Select((y, i) => -Math.Log(Math.Max(posteriors[i][y], 1e-12))).Average();
                (f1, ua, wa) = (metrics.MacroF1, metrics.UA, metrics.WA);
                // Better: a higher macro-F1, or the same macro-F1 with a lower validation loss.
                if (run.Stopping.Update(epoch + 1, bestScore is null || f1 > bestScore || (f1 == bestScore && validLoss < bestLoss), _model))
                    (bestScore, bestLoss) = (f1, validLoss);
            }
            var record = new EpochRecord(epoch + 1, lossBatches > 0 ? lossSum / lossBatches : double.NaN,
                taskCounts.Select((n, k) => n > 0 ? taskSums[k] / n : (double?)null).ToArray(), validLoss, f1, ua, wa, run.EpochSeconds);
            run.Log.Add(record);
            new TrainingCheckpoint(run, epoch + 1) { BestScore = bestScore, BestLoss = bestLoss }.Write(modelDir);
            TrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), _tasks, run.Log);
            run.ReportEpoch(epoch, Describe(record), record);
        }

        run.Stopping.RestoreBest(_model);
        _model.eval();
        var log = run.Log;
        int kept = run.KeptEpoch;
        var training = config.Training?.DeepClone().AsObject() ?? new JsonObject();
        training["stage"] = stage;
        training["tasks"] = JsonSerializer.SerializeToNode(_tasks, ModelJson.Options);
        training["options"] = JsonSerializer.SerializeToNode(_options, ModelJson.Options);
        training["train_utterances"] = train.Examples.Count;
        training["valid_utterances"] = validItems?.Length;
        training["epochs_run"] = log.Count;
        training["kept_epoch"] = kept;
        training["best_valid_macro_f1"] = bestScore;
        training["libtorch"] = TorchRuntime.Version;
        ModelDirectory.Save(modelDir, _model, config with { Training = training }, normalization);
        TrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), _tasks, log);
        return new TrainingOutcome(modelDir, log.Count, kept, bestScore, run.ResumedAfter, log);
    }

    private static int ArgMax(float[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    private string Describe(EpochRecord r)
    {
        var sb = new StringBuilder($"epoch {r.Epoch}/{_options.Epochs}: train loss {r.TrainLoss:0.0000}");
        for (int k = 0; k < _tasks.Count && _tasks.Count > 1; k++)
            if (r.TaskLosses[k] is double l) sb.Append($", {_tasks[k].Name} {l:0.0000}");
        if (r.ValidMacroF1 is double f1) sb.Append($"; valid loss {r.ValidLoss:0.0000}, macro-F1 {f1:0.0000}, UA {r.ValidUa:0.0000}");
        sb.Append($" ({r.Seconds:0.0} s)");
        return sb.ToString();
    }

    /// <summary>A hash of everything that must not change between a run and its resumption (epochs and patience may).</summary>
    private string Fingerprint(string stage, TrainingSet train, TrainingSet? valid, ModelConfig config)
    {
        var sb = new StringBuilder();
        sb.Append(stage).Append('\n');
        sb.Append(JsonSerializer.Serialize(_options with { Epochs = 1, Patience = 0, ScoringBatchSize = 1 }, ModelJson.Options)).Append('\n');
        sb.Append(JsonSerializer.Serialize(_tasks, ModelJson.Options)).Append('\n');
        sb.Append(JsonSerializer.Serialize(config with { Training = null }, ModelJson.Options)).Append('\n');
        foreach (var set in new[] { train, valid })
        {
            sb.Append("--\n");
            if (set == null) continue;
            foreach (var e in set.Examples)
            {
                sb.Append(e.Id).Append('\t').AppendJoin(',', e.Labels.Select(l => l?.ToString() ?? ""));
                if (e.Targets != null)
                    sb.Append('\t').AppendJoin(';', e.Targets.Select(t => t is null ? "" : string.Join(',', t.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
                sb.Append('\n');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
