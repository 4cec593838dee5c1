using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.Corpus;
using SerKit.Evaluation;
using SerKit.IO;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Attributes;

/// <summary>
/// Trains an emotional-attribute regressor (arousal, valence, dominance) with the CCC loss, alone or as DeepEmoCluster (Lin, Sridhar &amp;
/// Busso), writes the model folder and, with a test manifest, the test results: the library entry point of <c>serkit attributes</c> and of
/// experiment runners (one call per fold and seed). See docs/deepemocluster.md.
/// </summary>
public static class AttributeTraining
{
    /// <summary>The name of the regression head.</summary>
    public const string Head = AttributeTrainer.AttributeHead;

    /// <summary>The name of DeepEmoCluster's cluster head (classes <c>c0</c> … <c>c{K−1}</c>).</summary>
    public const string ClusterHead = AttributeTrainer.ClusterHead;

    /// <summary>File names a DeepEmoCluster model folder holds beside the model: the kept model's clusters of the training data.</summary>
    public const string ClusterAssignmentsFile = "clusters.csv";

    /// <summary>
    /// Trains and writes the model folder <see cref="AttributeTrainingRequest.OutputDirectory"/>: <c>config.json</c>, <c>model.safetensors</c>,
    /// <c>normalization.json</c>, <c>train_log.csv</c>, <c>checkpoint/</c>; for DeepEmoCluster also <c>clusters.json</c> (k-means of the
    /// kept model's embeddings of the clustering set), <c>clusters.csv</c> (id, cluster, set) and the cluster attribute table of the labelled
    /// training utterances (<c>cluster_attributes.json/.md/.png</c>); with a test manifest, <c>results.json</c>, <c>predictions.csv</c> (and
    /// the test set's cluster table) in the test folder. Resumable (<see cref="AttributeTrainingRequest.Resume"/>); same request and seed, same bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A bad option, or too few rated utterances.</exception>
    /// <exception cref="ManifestException">An attribute column is missing or holds a value that is not a number.</exception>
    public static AttributeTrainingOutcome Run(AttributeTrainingRequest r, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.Options.Validate();
        r.Clustering?.Validate();
        EmotionalAttributes.Validate(r.Attributes);
        if (r.Unlabelled is not null && r.Clustering is null) throw new ArgumentException("unlabelled utterances are used by DeepEmoCluster's clustering only; give the number of clusters too");
        if (r.UnlabelledFeatures is not null && r.Unlabelled is null) throw new ArgumentException("a feature source for unlabelled utterances needs an unlabelled manifest");
        if (r.UnlabelledLimit is int limit && (limit < 0 || r.Unlabelled is null)) throw new ArgumentException("an unlabelled limit needs an unlabelled manifest and must not be negative");
        if (r.Clustering is { IncludeLabelled: false } && r.Unlabelled is null) throw new ArgumentException("DeepEmoCluster without unlabelled utterances must cluster the labelled training utterances");
        if (!(r.LabelFraction > 0 && r.LabelFraction <= 1)) throw new ArgumentException($"label fraction must be in (0, 1] (got {r.LabelFraction})");
        TorchRuntime.Start(r.Options.Threads);

        var trainTable = AttributeTable.Read(r.Train, r.Attributes);
        var validTable = AttributeTable.Read(r.Valid, r.Attributes);
        var trainIds = ChooseFraction(trainTable.Rated, r.LabelFraction, r.Options.Seed);
        var validIds = validTable.Rated;
        if (trainIds.Count < 2) throw new ArgumentException($"{r.Train.Source ?? r.Train.Root}: fewer than two utterances have every attribute ({string.Join(", ", r.Attributes)})");
        if (validIds.Count == 0) throw new ArgumentException($"{r.Valid.Source ?? r.Valid.Root}: no utterance has every attribute ({string.Join(", ", r.Attributes)})");
        var trainValues = trainIds.Select(id => trainTable[id]).ToArray();
        var validValues = validIds.Select(id => validTable[id]).ToArray();

        // Unlabelled utterances: never the training, validation or test ones; optionally a seeded subset.
        var reserved = new HashSet<string>(r.Train.Items.Concat(r.Valid.Items).Concat(r.Test?.Items ?? []).Select(u => u.Id), StringComparer.Ordinal);
        var unlabelledAll = r.Unlabelled?.Items.Select(u => u.Id).Where(id => !reserved.Contains(id)).ToArray() ?? [];
        int excluded = (r.Unlabelled?.Items.Count ?? 0) - unlabelledAll.Length;
        var unlabelledIds = LimitUnlabelled(unlabelledAll, r.UnlabelledLimit, r.Options.Seed);

        var (pretrained, pretrainedConfig, normalization, features) = PretrainedEncoder.Load(r.EncoderDirectory, r.Features);
        var trainSource = features.For(r.Train);
        var validSource = features.For(r.Valid);
        IFeatureSource source = r.Unlabelled is null || unlabelledIds.Count == 0
            ? new ChainedFeatureSource(trainSource, validSource)
            : new ChainedFeatureSource(trainSource, validSource, (r.UnlabelledFeatures is { } u ? u with { Settings = features.Settings } : features).For(r.Unlabelled));
        normalization ??= NormalizationPass.Compute(trainSource, trainIds, r.Options.Threads, new FeaturePassProgress(progress, "attributes"),
            features.Settings.Kind.ToString().ToLowerInvariant(), cancellation);
        var encoder = pretrainedConfig?.Encoder ?? (r.Encoder with { InputDim = trainSource.Dimension }).WithChunksFor(normalization.MaxFrames);
        if (encoder.InputDim != trainSource.Dimension)
            throw new ArgumentException($"the encoder expects {encoder.InputDim}-dimensional features, the data has {trainSource.Dimension}");

        var (mean, std) = TargetStatistics(r.Attributes, trainValues);
        var heads = new List<HeadSpec> { new(Head, r.Attributes.ToArray()) { Kind = HeadKind.Regression, TargetMean = mean, TargetStd = std } };
        if (r.Clustering is { } c) heads.Add(new HeadSpec(ClusterHead, Enumerable.Range(0, c.Clusters).Select(k => $"c{k}").ToArray()));
        var model = TorchRuntime.Seeded(SeedSequence.Derive(r.Options.Seed, SeedSequence.Stream.Init), () => new SerModel(encoder, heads));
        try
        {
            if (pretrained != null)
            {
                var copied = ModelWeights.Import(model, ModelWeights.Export(pretrained), strict: false, r.EncoderDirectory!, name => !name.StartsWith("heads.", StringComparison.Ordinal));
                int expected = model.state_dict().Keys.Count(k => !k.StartsWith("heads.", StringComparison.Ordinal));
                if (copied.Count != expected) throw new InvalidDataException($"{r.EncoderDirectory}: only {copied.Count} of {expected} encoder tensors matched");
                pretrained.Dispose();
                pretrained = null;
            }
            else model.InputNorm.Set(normalization);

            var training = new JsonObject
            {
                ["stage"] = "attributes",
                ["method"] = r.Clustering is null ? "regressor" : "deepemocluster",
                ["train_manifest"] = r.Train.Source,
                ["valid_manifest"] = r.Valid.Source,
                ["encoder_from"] = r.EncoderDirectory is null ? null : Path.GetFullPath(r.EncoderDirectory),
                ["pretext_tasks"] = pretrainedConfig?.Training?["tasks"]?.DeepClone(),
                ["attributes"] = new JsonArray(r.Attributes.Select(a => (JsonNode?)a).ToArray()),
                ["attribute_columns"] = new JsonArray(trainTable.Columns.Select(a => (JsonNode?)a).ToArray()),
                ["label_fraction"] = r.LabelFraction,
                ["rated_available"] = trainTable.Rated.Count,
                ["unrated_train_utterances"] = trainTable.Unrated.Count,
                ["unrated_valid_utterances"] = validTable.Unrated.Count,
                ["unlabelled_manifest"] = r.Unlabelled?.Source,
                ["unlabelled_utterances"] = unlabelledIds.Count,
                ["unlabelled_excluded_as_labelled"] = excluded,
                ["unlabelled_limit"] = r.UnlabelledLimit,
                ["deepemocluster"] = r.Clustering is null ? null : JsonSerializer.SerializeToNode(r.Clustering, ModelJson.Options),
            };
            var config = new ModelConfig { Encoder = encoder, Heads = heads, Features = features.Settings, Windows = r.Options.Windows, Training = training };
            var modelDir = Path.GetFullPath(r.OutputDirectory);
            var trainer = new AttributeTrainer(model, r.Options, r.Clustering);
            var (log, kept, best, resumedAfter) = trainer.Run(trainIds, trainValues, validIds, validValues, unlabelledIds, source, modelDir, config,
                normalization, r.Resume, progress, cancellation);

            training["options"] = JsonSerializer.SerializeToNode(r.Options, ModelJson.Options);
            training["train_utterances"] = trainIds.Count;
            training["steps_per_epoch"] = AttributeTrainer.StepsPerEpoch(trainIds.Count, r.Options.BatchSize);
            training["valid_utterances"] = validIds.Count;
            training["epochs_run"] = log.Count;
            training["kept_epoch"] = kept;
            training["best_valid_mean_ccc"] = best;
            training["libtorch"] = TorchRuntime.Version;
            ClusterAttributeTable? table = null;
            if (r.Clustering is { } options)
                table = WriteClusters(model, options, r.Options, r.Attributes, trainIds, trainValues, unlabelledIds, source, modelDir);
            ModelDirectory.Save(modelDir, model, config with { Training = training }, normalization);
            AttributeTrainLog.Write(Path.Combine(modelDir, ModelDirectory.TrainLogFile), r.Attributes, r.Clustering is not null, log);
            EvaluationPlots.LearningCurvesPng(Path.Combine(modelDir, "learning_curves.png"), SerKit.Evaluation.TrainLog.Read(Path.Combine(modelDir, ModelDirectory.TrainLogFile)));

            var outcome = new AttributeTrainingOutcome(modelDir, log.Count, kept, best, resumedAfter, log) { Clusters = table };
            if (r.Test is null) return outcome;
            var testDir = Path.GetFullPath(r.TestDirectory ?? Path.Combine(modelDir, "test"));
            var info = r.TestInfo ?? new EvaluationInfo("manifest", false, null, r.Options.Seed, r.Clustering is null ? "regressor" : "deepemocluster", "test");
            var test = AttributeEvaluation.Run(model, config, r.Test, features with { CacheBytes = 0 }, r.Options.ScoringBatchSize,
                r.Clustering is null ? null : EmbeddingClusters.Read(Path.Combine(modelDir, EmbeddingClusters.FileName)), "test set");
            AttributeEvaluation.Write(testDir, test, info);
            return outcome with { Test = test.Metrics, TestDirectory = testDir };
        }
        finally
        {
            pretrained?.Dispose();
            model.Dispose();
        }
    }

    /// <summary>Mean and population standard deviation of each attribute over the training utterances (a constant attribute is refused).</summary>
    private static (double[] Mean, double[] Std) TargetStatistics(IReadOnlyList<string> attributes, IReadOnlyList<double[]> values)
    {
        var mean = new double[attributes.Count];
        var std = new double[attributes.Count];
        for (int a = 0; a < attributes.Count; a++)
        {
            mean[a] = values.Average(v => v[a]);
            std[a] = Math.Sqrt(values.Average(v => (v[a] - mean[a]) * (v[a] - mean[a])));
            if (!(std[a] > 1e-12)) throw new ArgumentException($"attribute '{attributes[a]}' has the same value for every training utterance; nothing to regress");
        }
        return (mean, std);
    }

    private static IReadOnlyList<string> ChooseFraction(IReadOnlyList<string> ids, double fraction, long seed)
    {
        if (fraction >= 1) return ids;
        var order = Enumerable.Range(0, ids.Count).ToArray();
        new SplitMix64((ulong)SeedSequence.Derive(seed, SeedSequence.Stream.Subset)).Shuffle(order);
        int n = Math.Min(ids.Count, Math.Max(2, (int)Math.Round(fraction * ids.Count, MidpointRounding.AwayFromZero)));
        var keep = order.Take(n).ToHashSet();
        return ids.Where((_, i) => keep.Contains(i)).ToArray();
    }

    private static IReadOnlyList<string> LimitUnlabelled(IReadOnlyList<string> ids, int? limit, long seed)
    {
        if (limit is not int n || n >= ids.Count) return ids;
        var order = Enumerable.Range(0, ids.Count).ToArray();
        new SplitMix64((ulong)SeedSequence.Derive(seed, SeedSequence.Stream.UnlabelledSubset)).Shuffle(order);
        var keep = order.Take(n).ToHashSet();
        return ids.Where((_, i) => keep.Contains(i)).ToArray();
    }

    /// <summary>
    /// k-means (the training's settings, a seed of its own) on the kept model's embeddings of the clustering set; writes clusters.json,
    /// clusters.csv and the attribute table of the labelled training utterances with its plot.
    /// </summary>
    private static ClusterAttributeTable WriteClusters(SerModel model, DeepEmoClusterOptions options, TrainingOptions training, IReadOnlyList<string> attributes,
        IReadOnlyList<string> trainIds, IReadOnlyList<double[]> trainValues, IReadOnlyList<string> unlabelledIds, IFeatureSource source, string modelDir)
    {
        var ids = (options.IncludeLabelled ? trainIds : []).Concat(unlabelledIds).ToArray();
        var embeddings = AttributeScoring.Embeddings(model, source, ids, training.Windows, training.ScoringBatchSize);
        var (clusters, result) = EmbeddingClusters.Fit(embeddings, options.Clusters, SeedSequence.Derive(training.Seed, SeedSequence.Stream.Clustering, int.MaxValue),
            options.L2Normalize, options.MaxIterations);
        clusters.Write(Path.Combine(modelDir, EmbeddingClusters.FileName));
        int labelled = options.IncludeLabelled ? trainIds.Count : 0;
        var csv = new System.Text.StringBuilder("id,cluster,set\n");
        for (int i = 0; i < ids.Length; i++)
            csv.Append(ids[i]).Append(',').Append(result.Assignments[i].ToString(CultureInfo.InvariantCulture)).Append(i < labelled ? ",labelled\n" : ",unlabelled\n");
        AtomicFile.WriteAllText(Path.Combine(modelDir, ClusterAssignmentsFile), csv.ToString());
        // The labelled training utterances' clusters: from this k-means when they were clustered, else their nearest centroid.
        var trainClusters = options.IncludeLabelled
            ? result.Assignments.Take(trainIds.Count).ToArray()
            : AttributeScoring.Embeddings(model, source, trainIds, training.Windows, training.ScoringBatchSize).Select(clusters.Assign).ToArray();
        var table = ClusterAttributeTable.Build(attributes, options.Clusters, trainValues, trainClusters, "labelled training set");
        AttributeEvaluation.WriteClusterTable(modelDir, table, trainValues, trainClusters, "training set");
        return table;
    }
}
