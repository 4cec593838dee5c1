using SerKit.Corpus;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// A padded training batch held as plain arrays: features [B, T, F] (zero after each utterance's
/// length), lengths [B], and per task the targets [B] (−1 where the label is masked) and, for tasks with a
/// <see cref="TaskObjective"/>, the target vectors [B, K] (a row of zeros where masked).
/// </summary>
public sealed class TrainingBatch
{
    private TrainingBatch(float[] features, long[] lengths, long[][] targets, float[]?[] soft, int[] softClasses, int frames, int dim)
    {
        SoftTargets = soft;
        _softClasses = softClasses;
        Features = features;
        Lengths = lengths;
        Targets = targets;
        Frames = frames;
        Dimension = dim;
    }

    /// <summary>Row-major [B, <see cref="Frames"/>, <see cref="Dimension"/>].</summary>
    public float[] Features { get; }

    /// <summary>Real frames of each utterance.</summary>
    public long[] Lengths { get; }

    /// <summary>Per task, the class of each utterance or −1 when masked.</summary>
    public long[][] Targets { get; }

    private readonly int[] _softClasses;

    /// <summary>Per task, row-major target vectors [B, K] for tasks with an objective; null for the others.</summary>
    public float[]?[] SoftTargets { get; }

    /// <summary>Padded length.</summary>
    public int Frames { get; }

    /// <summary>Values per frame.</summary>
    public int Dimension { get; }

    /// <summary>Utterances in the batch.</summary>
    public int Count => Lengths.Length;

    /// <summary>Labelled utterances of task <paramref name="task"/> (with a non-zero target vector for tasks with an objective).</summary>
    public int Labelled(int task)
    {
        if (SoftTargets[task] is not { } soft) return Targets[task].Count(t => t >= 0);
        int k = _softClasses[task], n = 0;
        for (int b = 0; b < Count; b++)
        {
            float sum = 0;
            for (int c = 0; c < k; c++) sum += soft[b * k + c];
            if (sum > 0) n++;
        }
        return n;
    }

    /// <summary>
    /// Loads the examples, crops each one longer than <paramref name="maxFrames"/> at an offset drawn from
    /// <paramref name="crop"/> (uniform over all offsets; in example order) or, without a generator, centred, and pads.
    /// With <paramref name="specs"/>, tasks that have an objective also get target vectors: the example's own, else the
    /// one-hot vector of its label, else zeros.
    /// </summary>
    public static TrainingBatch Build(IReadOnlyList<TrainingExample> examples, IFeatureSource source, int tasks, int maxFrames, SplitMix64? crop,
        IReadOnlyList<TaskSpec>? specs = null)
    {
        int dim = source.Dimension;
        var pieces = new (float[] Data, int Start, int Length)[examples.Count];
        for (int i = 0; i < examples.Count; i++)
        {
            var data = source.Load(examples[i].Id, out int frames);
            int length = Math.Min(frames, maxFrames);
            int start = frames <= maxFrames ? 0 : crop is null ? (frames - maxFrames) / 2 : (int)crop.NextBelow((ulong)(frames - maxFrames + 1));
            pieces[i] = (data, start, length);
        }
        int padded = pieces.Max(p => p.Length);
        var features = new float[examples.Count * padded * dim];
        var lengths = new long[examples.Count];
        for (int i = 0; i < examples.Count; i++)
        {
            var (data, start, length) = pieces[i];
            data.AsSpan(start * dim, length * dim).CopyTo(features.AsSpan(i * padded * dim));
            lengths[i] = length;
        }
        var targets = new long[tasks][];
        for (int k = 0; k < tasks; k++) targets[k] = examples.Select(e => (long)(e.Labels[k] ?? -1)).ToArray();
        var soft = new float[]?[tasks];
        var softClasses = new int[tasks];
        for (int k = 0; k < tasks && specs != null; k++)
        {
            if (specs[k].Objective is null) continue;
            int classes = softClasses[k] = specs[k].Classes.Count;
            var rows = soft[k] = new float[examples.Count * classes];
            for (int i = 0; i < examples.Count; i++)
            {
                if (examples[i].Targets?[k] is { } t) t.AsSpan().CopyTo(rows.AsSpan(i * classes, classes));
                else if (examples[i].Labels[k] is int y) rows[i * classes + y] = 1;
            }
        }
        return new TrainingBatch(features, lengths, targets, soft, softClasses, padded, dim);
    }

    /// <summary>The features as a tensor [B, T, F] (in the current dispose scope).</summary>
    public Tensor FeatureTensor() => tensor(Features, new long[] { Count, Frames, Dimension });

    /// <summary>The lengths as an int64 tensor [B].</summary>
    public Tensor LengthTensor() => tensor(Lengths);

    /// <summary>Task <paramref name="task"/>'s targets as an int64 tensor [B].</summary>
    public Tensor TargetTensor(int task) => tensor(Targets[task]);

    /// <summary>Task <paramref name="task"/>'s target vectors as a float tensor [B, K], or null when the task has none.</summary>
    public Tensor? SoftTargetTensor(int task) =>
        SoftTargets[task] is { } soft ? tensor(soft, new long[] { Count, _softClasses[task] }) : null;
}
