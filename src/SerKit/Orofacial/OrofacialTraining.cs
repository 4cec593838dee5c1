using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.Modeling;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Orofacial;

/// <summary>
/// Trains a speech-driven orofacial model (single-task, or multitask with emotion and/or viseme recognition) on prepared data and
/// writes its model folder. Target statistics, emotion classes and mouth-shape clusters come from the training set only.
/// </summary>
public static class OrofacialTraining
{
    /// <summary>Prepares the data of <paramref name="data"/> and trains one model (<see cref="Run(OrofacialTrainingData, OrofacialTrainingRequest, IProgress{TrainingProgress}?, CancellationToken)"/>).</summary>
    public static OrofacialTrainingOutcome Run(OrofacialDataRequest data, OrofacialTrainingRequest request, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        request.Options.Validate();
        request.Tasks.Validate();
        TorchRuntime.Start(request.Options.Threads);
        return Run(OrofacialTrainingData.Prepare(data, progress, cancellation), request, progress, cancellation);
    }

    /// <summary>Trains one model on <paramref name="data"/> and writes <see cref="OrofacialTrainingRequest.OutputDirectory"/>.</summary>
    public static OrofacialTrainingOutcome Run(OrofacialTrainingData data, OrofacialTrainingRequest request, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var tasks = request.Tasks;
        tasks.Validate();
        request.Options.Validate();
        TorchRuntime.Start(request.Options.Threads);
        var train = data.Train;
        double hop = train.HopSeconds;

        IReadOnlyList<string>? emotionClasses = null;
        if (tasks.Emotion)
        {
            emotionClasses = tasks.EmotionClasses ?? train.Items.Where(u => !string.IsNullOrEmpty(u.Label)).Select(u => u.Label!).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (emotionClasses.Count < 2)
                throw new ArgumentException($"the emotion task needs at least two emotion classes among the training utterances with face tracks (found: {string.Join(", ", emotionClasses)})");
        }
        MouthShapeClusters? clusters = null;
        PhonemeAlignments? alignments = null;
        IReadOnlyList<string>? visemeClasses = null;
        if (tasks.Visemes == VisemeSource.Clusters)
        {
            clusters = MouthShapeClusters.Fit(train.Items, tasks.VisemeClusters, SeedSequence.Derive(request.Options.Seed, SeedSequence.Stream.Subset));
            visemeClasses = clusters.Classes;
        }
        else if (tasks.Visemes == VisemeSource.Alignments)
        {
            alignments = PhonemeAlignments.Read(tasks.AlignmentsFile!);
            if (!train.Items.Any(u => alignments.For(u.Id) is not null))
                throw new ArgumentException($"{alignments.Source}: no training utterance has phone alignments");
            visemeClasses = VisemeMap.Classes;
        }

        var (mean, std) = TargetStatistics(train.Items);
        var config = request.Network with
        {
            InputDim = train.Features.Dimension,
            Data = train.Options,
            TargetMean = mean,
            TargetStd = std,
            MeanShape = train.MeanShape,
            EmotionClasses = emotionClasses,
            Visemes = tasks.Visemes,
            VisemeClasses = visemeClasses,
            VisemeCentroids = clusters?.Centroids,
            Features = data.Request.Features.Settings,
            Training = new JsonObject
            {
                ["train_manifest"] = data.Request.Train.Source,
                ["valid_manifest"] = data.Request.Valid?.Source,
                ["faces"] = data.Request.FacesDirectory is { } f ? Path.GetFullPath(f) : null,
                ["alignments"] = alignments?.Source,
                ["viseme_clusters"] = clusters?.Count,
                ["train_skipped"] = train.Skipped.Count,
                ["train_frames_with_landmarks"] = train.ValidFrames,
            },
        };
        config.Validate();
        var examples = Examples(train, config, alignments);
        var validExamples = data.Valid is null ? null : Examples(data.Valid, config, alignments);
        var model = TorchRuntime.Seeded(SeedSequence.Derive(request.Options.Seed, SeedSequence.Stream.Init), () => new OrofacialModel(config));
        model.InputNorm.Set(data.Normalization);
        var trainer = new OrofacialTrainer(model, tasks.Weights, request.Options);
        try
        {
            return trainer.Run(examples, train.Features, validExamples, data.Valid?.Features, request.OutputDirectory, config, data.Normalization,
                request.Resume, progress, cancellation);
        }
        finally { model.Dispose(); }
    }

    /// <summary>
    /// The examples of <paramref name="set"/> for a model of <paramref name="config"/>: emotion class from the label (null when the label is
    /// missing or not one of the classes), visemes from the model's clusters or from <paramref name="alignments"/> (null without a viseme head).
    /// </summary>
    public static IReadOnlyList<OrofacialExample> Examples(OrofacialDataSet set, OrofacialConfig config, PhonemeAlignments? alignments)
    {
        var emotionIndex = config.EmotionClasses?.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var clusters = config.Clusters();
        return set.Items.Select(u =>
        {
            int? emotion = emotionIndex != null && u.Label is { } l && emotionIndex.TryGetValue(l, out var k) ? k : null;
            int[]? visemes = config.Visemes switch
            {
                VisemeSource.Clusters => clusters!.FrameVisemes(u),
                VisemeSource.Alignments => alignments?.FrameVisemes(u.Id, u.Frames, set.HopSeconds) ?? Enumerable.Repeat(-1, u.Frames).ToArray(),
                _ => null,
            };
            return new OrofacialExample(u, emotion, visemes);
        }).ToArray();
    }

    /// <summary>
    /// Target statistics for the landmark head: the per-coordinate mean of the 74 target values over the valid frames of <paramref name="items"/>, and one
    /// common scale for all coordinates, the root of their mean variance (floored at 1e-4). A common scale keeps the coordinates' relative
    /// weight in the loss as in the RMSE (the ones speech moves most count most) while making the mean-shape predictor's loss 1.
    /// </summary>
    public static (float[] Mean, float[] Std) TargetStatistics(IReadOnlyList<OrofacialUtterance> items)
    {
        const int O = OrofacialPoints.Outputs;
        var sum = new double[O];
        var sq = new double[O];
        long n = 0;
        var row = new float[O];
        foreach (var u in items)
            for (int f = 0; f < u.Frames; f++)
            {
                if (!u.Valid[f]) continue;
                u.Targets(f, row);
                for (int j = 0; j < O; j++) { sum[j] += row[j]; sq[j] += row[j] * (double)row[j]; }
                n++;
            }
        var mean = new float[O];
        double variance = 0;
        for (int j = 0; j < O; j++)
        {
            double m = sum[j] / n;
            mean[j] = (float)m;
            variance += Math.Max(0, sq[j] / n - m * m) / O;
        }
        var std = Enumerable.Repeat((float)Math.Max(1e-4, Math.Sqrt(variance)), O).ToArray();
        return (mean, std);
    }
}
