using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Synthetic;
using SerKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SerKit.Attributes;

/// <summary>
/// The training loop of the attribute regressor and of DeepEmoCluster, beside <see cref="Trainer"/> (which trains classification heads).
/// An epoch is one pass over the rated training utterances in shuffled batches; the loss of a batch is the CCC loss of the
/// <c>attributes</c> head on standardised targets. With DeepEmoCluster, each epoch first embeds the clustering set (the unlabelled
/// utterances and, by default, the labelled training ones) with the current weights in evaluation mode, runs k-means
/// (seed derived from the run seed and the epoch), re-initialises the <c>cluster</c> head (weights N(0, 0.01²), bias 0, from the same
/// kind of derived seed, with a fresh Adam state: cluster ids are arbitrary each epoch, so the head is not carried over, as in
/// DeepCluster) and then trains with loss = CCC loss + w · cross-entropy of the cluster head against the pseudo-labels. Every step pairs a
/// labelled batch with an equal share of the (shuffled) unlabelled utterances, so one epoch also passes once over the unlabelled set; the
/// cluster cross-entropy covers the step's unlabelled utterances and, when they were clustered too, its labelled ones. After each epoch
/// the validation set is scored (mean CCC), the best epoch's weights are kept (early stopping after <see cref="TrainingOptions.Patience"/>
/// epochs without a higher mean CCC), and a checkpoint and <c>train_log.csv</c> are written. Same data, options and seed give the same
/// weights, also when resumed.
/// </summary>
internal sealed class AttributeTrainer
{
    public const string AttributeHead = "attributes", ClusterHead = "cluster";

    private readonly SerModel _model;
    private readonly TrainingOptions _o;
    private readonly DeepEmoClusterOptions? _clustering;
    private readonly HeadSpec _head;

    public AttributeTrainer(SerModel model, TrainingOptions options, DeepEmoClusterOptions? clustering)
    {
        options.Validate();
        clustering?.Validate();
        _model = model;
        _o = options;
        _clustering = clustering;
        _head = model.Head(AttributeHead);
        if (!_head.IsRegression) throw new ArgumentException($"head '{AttributeHead}' must be a regression head");
        if (clustering is not null && model.Head(ClusterHead).Classes.Count != clustering.Clusters)
            throw new ArgumentException($"the cluster head has {model.Head(ClusterHead).Classes.Count} outputs for {clustering.Clusters} clusters");
        if (options.BatchSize < 2) throw new ArgumentException($"the CCC loss is computed over a batch; the batch size must be at least 2 (got {options.BatchSize})");
        if (clustering is not null && options.FreezeEncoder) throw new ArgumentException("DeepEmoCluster trains the encoder on the cluster pseudo-labels; it cannot freeze the encoder");
    }

    public (IReadOnlyList<AttributeEpochRecord> Log, int KeptEpoch, double BestScore, int ResumedAfter) Run(
        IReadOnlyList<string> trainIds, IReadOnlyList<double[]> trainValues, IReadOnlyList<string> validIds, IReadOnlyList<double[]> validValues,
        IReadOnlyList<string> unlabelledIds, IFeatureSource source, string modelDir, ModelConfig config, FeatureNormalization normalization,
        bool resume, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        if (trainIds.Count < 2) throw new ArgumentException($"the CCC loss needs at least two rated training utterances (got {trainIds.Count})");
        if (validIds.Count == 0) throw new ArgumentException("no rated validation utterance");
        foreach (var id in trainIds.Concat(validIds).Concat(unlabelledIds))
            if (!source.Contains(id)) throw new ArgumentException($"no features for utterance '{id}'");
        if (_clustering is not null)
        {
            int clustered = unlabelledIds.Count + (_clustering.IncludeLabelled ? trainIds.Count : 0);
            if (clustered < _clustering.Clusters)
                throw new ArgumentException($"k-means with {_clustering.Clusters} clusters needs at least as many utterances to cluster (got {clustered})");
        }
        TorchRuntime.Start(_o.Threads);
        int attributes = _head.Classes.Count;
        var targets = trainValues.Select(v => Enumerable.Range(0, attributes).Select(a => (float)((v[a] - _head.TargetMean![a]) / _head.TargetStd![a])).ToArray()).ToArray();

        var fingerprint = Fingerprint(trainIds, trainValues, validIds, validValues, unlabelledIds, config);
        var checkpoint = resume ? AttributeCheckpoint.TryRead(modelDir) : null;
        CheckpointFile.PrepareFolder(modelDir, TrainingCheckpoint.PathIn(modelDir), resume, checkpoint?.Fingerprint, fingerprint);

        const string clusterPrefix = "heads." + ClusterHead + ".";
        var parameters = _model.named_parameters().ToArray();
        bool Trainable(string name) => !_o.FreezeEncoder || name.StartsWith("heads.", StringComparison.Ordinal);
        if (_o.FreezeEncoder)
            foreach (var (name, p) in parameters) if (!Trainable(name)) p.requires_grad = false;
        using var adam = new AdamOptimizer(parameters.Where(p => Trainable(p.name) && !p.name.StartsWith(clusterPrefix, StringComparison.Ordinal)).Select(p => (p.name, p.parameter)), _o);
        var clusterParameters = parameters.Where(p => p.name.StartsWith(clusterPrefix, StringComparison.Ordinal)).ToArray();

        var run = new ResumableRun<AttributeEpochRecord>("attributes", _o, _model, adam, fingerprint, checkpoint, TrainingCheckpoint.PathIn(modelDir), progress);
        double? bestScore = checkpoint?.BestScore;

        // The clustering set: labelled training utterances first (when included), then the unlabelled ones.
        var clusterIds = _clustering is null ? [] : (_clustering.IncludeLabelled ? trainIds : []).Concat(unlabelledIds).ToArray();
        int labelledOffset = 0, unlabelledOffset = _clustering?.IncludeLabelled == true ? trainIds.Count : 0;
        // Batches of BatchSize in shuffled order; a last batch of a single utterance (no CCC can be computed on it) joins the one before.
        int steps = StepsPerEpoch(trainIds.Count, _o.BatchSize);
        // Unlabelled utterances beyond this many are embedded in further forward passes whose gradients add up before the step.
        int perForward = _clustering?.UnlabelledPerForward ?? _o.BatchSize;
        int crop = _model.Config.IsChunkLevel ? int.MaxValue : _o.Windows.WindowFrames;
        foreach (int epoch in run.Epochs(cancellation))
        {
            int[]? pseudo = null;
            KMeansResult? kmeans = null;
            AdamOptimizer? clusterAdam = null;
            try
            {
                if (_clustering is not null)
                {
                    run.Report(epoch, (double)epoch / _o.Epochs, $"epoch {epoch + 1}/{_o.Epochs}: k-means on {clusterIds.Length} embeddings");
                    _model.eval();
                    var embeddings = AttributeScoring.Embeddings(_model, source, clusterIds, _o.Windows, _o.ScoringBatchSize);
                    (_, kmeans) = EmbeddingClusters.Fit(embeddings, _clustering.Clusters, SeedSequence.Derive(_o.Seed, SeedSequence.Stream.Clustering, epoch),
                        _clustering.L2Normalize, _clustering.MaxIterations);
                    pseudo = kmeans.Assignments;
                    ReinitialiseClusterHead(clusterParameters, SeedSequence.Derive(_o.Seed, SeedSequence.Stream.ClusterHead, epoch));
                    clusterAdam = new AdamOptimizer(clusterParameters.Select(p => (p.name, p.parameter)), _o);
                }

                _model.train();
                if (_o.FreezeEncoder) _model.SetEncoderTraining(false);
                var (rng, order) = run.BeginEpoch(epoch, _model.Dropout, trainIds.Count);
                var unlabelledOrder = Enumerable.Range(0, unlabelledIds.Count).ToArray();
                new SplitMix64((ulong)SeedSequence.Derive(_o.Seed, SeedSequence.Stream.UnlabelledOrder, epoch)).Shuffle(unlabelledOrder);

                double lossSum = 0, cccSum = 0, clusterSum = 0;
                for (int b = 0; b < steps; b++)
                {
                    var labelled = order[(b * _o.BatchSize)..(b == steps - 1 ? order.Length : (b + 1) * _o.BatchSize)];
                    var extra = _clustering is null ? []
                        : unlabelledOrder[(int)((long)b * unlabelledIds.Count / steps)..(int)((long)(b + 1) * unlabelledIds.Count / steps)];
                    bool withLabelled = _clustering?.IncludeLabelled == true;
                    // Rows the step's cluster cross-entropy averages over; split over several passes it is summed and divided by this.
                    int pseudoRows = _clustering is null ? 0 : (withLabelled ? labelled.Length : 0) + extra.Length;
                    int first = Math.Min(extra.Length, perForward);
                    bool split = first < extra.Length;
                    _model.zero_grad();

                    // The labelled batch with the first unlabelled share: CCC loss and cluster loss.
                    using (var scope = NewDisposeScope())
                    {
                        var members = labelled.Select(i => new TrainingExample(trainIds[i], []))
                            .Concat(extra[..first].Select(i => new TrainingExample(unlabelledIds[i], []))).ToArray();
                        var batch = TrainingBatch.Build(members, source, 0, crop, rng);
                        var embedding = _model.call(batch.FeatureTensor(), batch.LengthTensor());
                        var predicted = _model.Logits(AttributeHead, embedding.narrow(0, 0, labelled.Length));
                        var target = tensor(labelled.SelectMany(i => targets[i]).ToArray(), new long[] { labelled.Length, attributes });
                        var (ccc, _) = CccLoss.Compute(predicted, target);
                        var total = ccc;
                        if (_clustering is not null)
                        {
                            var rows = withLabelled ? embedding : embedding.narrow(0, labelled.Length, first);
                            var pseudoLabels = (withLabelled ? labelled.Select(i => (long)pseudo![labelledOffset + i]) : [])
                                .Concat(extra[..first].Select(i => (long)pseudo![unlabelledOffset + i])).ToArray();
                            if (pseudoLabels.Length > 0)
                            {
                                var ce = ClusterLoss(_model.Logits(ClusterHead, rows), pseudoLabels, split ? pseudoRows : null);
                                clusterSum += ce.item<float>();
                                total = _clustering.Weight == 1.0 ? ccc.add(ce) : ccc.add(ce.mul(_clustering.Weight));
                            }
                        }
                        total.backward();
                        lossSum += total.item<float>();
                        cccSum += ccc.item<float>();
                    }
                    // The rest of the unlabelled share, at most perForward utterances per pass (memory), gradients adding up.
                    for (int start = first; start < extra.Length; start += perForward)
                    {
                        using var scope = NewDisposeScope();
                        var part = extra[start..Math.Min(extra.Length, start + perForward)];
                        var batch = TrainingBatch.Build(part.Select(i => new TrainingExample(unlabelledIds[i], [])).ToArray(), source, 0, crop, rng);
                        var embedding = _model.call(batch.FeatureTensor(), batch.LengthTensor());
                        var ce = ClusterLoss(_model.Logits(ClusterHead, embedding), part.Select(i => (long)pseudo![unlabelledOffset + i]).ToArray(), pseudoRows);
                        var weighted = _clustering!.Weight == 1.0 ? ce : ce.mul(_clustering.Weight);
                        weighted.backward();
                        clusterSum += ce.item<float>();
                        lossSum += weighted.item<float>();
                    }
                    if (_o.GradientClip > 0) nn.utils.clip_grad_norm_(adam.Parameters.Concat(clusterAdam?.Parameters ?? []), _o.GradientClip);
                    adam.Step();
                    clusterAdam?.Step();
                    run.ReportBatch(epoch, b, steps, lossSum / (b + 1));
                }
                _model.zero_grad();

                _model.eval();
                var validPredicted = AttributeScoring.Predict(_model, AttributeHead, AttributeScoring.Embeddings(_model, source, validIds, _o.Windows, _o.ScoringBatchSize));
                var metrics = AttributeMetrics.Compute(_head.Classes, validValues, validPredicted);
                if (run.Stopping.Update(epoch + 1, bestScore is null || metrics.MeanCcc > bestScore, _model)) bestScore = metrics.MeanCcc;
                var record = new AttributeEpochRecord(epoch + 1, lossSum / steps, cccSum / steps, _clustering is null ? null : clusterSum / steps,
                    metrics.MeanCcc, metrics.Ccc.ToArray(), kmeans?.Inertia, kmeans?.Reseeded, run.EpochSeconds);
                run.Log.Add(record);
                new AttributeCheckpoint(run, epoch + 1) { BestScore = bestScore }.Write(modelDir);
                AttributeTrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), _head.Classes, _clustering is not null, run.Log);
                run.ReportEpoch(epoch, Describe(record));
            }
            finally
            {
                clusterAdam?.Dispose();
            }
        }

        run.Stopping.RestoreBest(_model);
        _model.eval();
        return (run.Log, run.KeptEpoch, bestScore ?? double.NaN, run.ResumedAfter);
    }

    /// <summary>
    /// Steps of an epoch: one per labelled batch of <paramref name="batchSize"/> (shuffled order; a last batch of one utterance, on which no CCC
    /// can be computed, joins the one before). Each step also takes an equal share of the unlabelled utterances, so an epoch passes once over both.
    /// </summary>
    public static int StepsPerEpoch(int labelled, int batchSize) => Math.Max(1, labelled / batchSize + (labelled % batchSize > 1 ? 1 : 0));

    /// <summary>Mean cross-entropy of the cluster head; with <paramref name="rowsOfStep"/>, this pass's summed share of a mean over that many rows.</summary>
    private static Tensor ClusterLoss(Tensor logits, long[] pseudoLabels, int? rowsOfStep) => rowsOfStep is { } n
        ? nn.functional.cross_entropy(logits, tensor(pseudoLabels), reduction: nn.Reduction.Sum).div(n)
        : nn.functional.cross_entropy(logits, tensor(pseudoLabels));

    /// <summary>DeepCluster's initialisation of a new top layer: weights N(0, 0.01²), bias 0, from a generator seeded with <paramref name="seed"/>.</summary>
    private static void ReinitialiseClusterHead((string name, TorchSharp.Modules.Parameter parameter)[] parameters, long seed)
    {
        var rng = new SynthRandom(unchecked((ulong)seed));
        using var noGrad = no_grad();
        foreach (var (name, p) in parameters)
        {
            using var scope = NewDisposeScope();
            var values = new float[p.numel()];
            if (name.EndsWith(".weight", StringComparison.Ordinal))
                for (int i = 0; i < values.Length; i++) values[i] = (float)rng.Gaussian(0, 0.01);
            p.copy_(tensor(values, p.shape));
        }
    }

    private string Describe(AttributeEpochRecord r)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}/{_o.Epochs}: train loss {r.TrainLoss:0.0000} (CCC loss {r.CccLoss:0.0000}"));
        if (r.ClusterLoss is double c) sb.Append(string.Create(CultureInfo.InvariantCulture, $", cluster loss {c:0.0000}"));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"); valid mean CCC {r.ValidMeanCcc:0.0000} ("));
        sb.AppendJoin(", ", _head.Classes.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"{a} {r.ValidCcc[i]:0.000}")));
        sb.Append(')');
        if (r.ReseededClusters is int reseeded && reseeded > 0) sb.Append($"; {reseeded} empty cluster(s) re-seeded");
        sb.Append(string.Create(CultureInfo.InvariantCulture, $" ({r.Seconds:0.0} s)"));
        return sb.ToString();
    }

    /// <summary>A hash of everything that must not change between a run and its resumption (epochs and patience may).</summary>
    private string Fingerprint(IReadOnlyList<string> trainIds, IReadOnlyList<double[]> trainValues, IReadOnlyList<string> validIds, IReadOnlyList<double[]> validValues,
        IReadOnlyList<string> unlabelledIds, ModelConfig config)
    {
        var sb = new StringBuilder("attributes\n");
        sb.Append(JsonSerializer.Serialize(_o with { Epochs = 1, Patience = 0, ScoringBatchSize = 1 }, ModelJson.Options)).Append('\n');
        sb.Append(_clustering is null ? "regressor" : JsonSerializer.Serialize(_clustering, ModelJson.Options)).Append('\n');
        sb.Append(JsonSerializer.Serialize(config with { Training = null }, ModelJson.Options)).Append('\n');
        foreach (var (ids, values) in new[] { (trainIds, trainValues), (validIds, validValues) })
        {
            sb.Append("--\n");
            for (int i = 0; i < ids.Count; i++)
                sb.Append(ids[i]).Append('\t').AppendJoin(',', values[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        sb.Append("--\n").AppendJoin('\n', unlabelledIds);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
