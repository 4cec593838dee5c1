using System.Runtime.InteropServices;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Attributes;

/// <summary>
/// Utterance embeddings and attribute predictions of whole utterances, windowed as <see cref="WindowedScoring"/>: an utterance of up
/// to <see cref="ScoringWindows.WindowFrames"/> frames is embedded whole, a longer one in windows whose embeddings are averaged (a
/// chunk-level model embeds every utterance whole). Since a regression head is linear, the prediction of the averaged embedding equals
/// the average of the windows' predictions. Runs without gradients in whatever mode the model is in (use evaluation mode).
/// </summary>
public static class AttributeScoring
{
    /// <summary>The (window-averaged) embeddings [utterance][width] of <paramref name="ids"/>.</summary>
    public static float[][] Embeddings(SerModel model, IFeatureSource source, IReadOnlyList<string> ids, ScoringWindows windows, int batchSize = 64)
    {
        int width = model.Config.Width;
        var sums = new double[ids.Count][];
        var counts = new int[ids.Count];
        var pending = new List<(int Item, float[] Data, int Start, int Length)>();
        for (int i = 0; i < ids.Count; i++)
        {
            var data = source.Load(ids[i], out int frames);
            foreach (var (start, length) in WindowedScoring.Windows(model.Config, windows, frames))
            {
                pending.Add((i, data, start, length));
                if (pending.Count == batchSize) Flush(model, source.Dimension, width, pending, sums, counts);
            }
        }
        Flush(model, source.Dimension, width, pending, sums, counts);
        return sums.Select((s, i) => s.Select(v => (float)(v / counts[i])).ToArray()).ToArray();
    }

    /// <summary>The (window-averaged) embedding of one utterance's row-major [frames, dim] features.</summary>
    public static float[] Embedding(SerModel model, float[] features, int frames, ScoringWindows windows, int batchSize = 64)
    {
        int width = model.Config.Width, dim = model.Config.InputDim;
        var sums = new double[1][];
        var counts = new int[1];
        var pending = new List<(int Item, float[] Data, int Start, int Length)>();
        foreach (var (start, length) in WindowedScoring.Windows(model.Config, windows, frames))
        {
            pending.Add((0, features, start, length));
            if (pending.Count == batchSize) Flush(model, dim, width, pending, sums, counts);
        }
        Flush(model, dim, width, pending, sums, counts);
        return sums[0].Select(v => (float)(v / counts[0])).ToArray();
    }

    /// <summary>Attribute values [utterance][attribute] (in the targets' own scale) of regression head <paramref name="head"/> for <paramref name="embeddings"/>.</summary>
    public static double[][] Predict(SerModel model, string head, IReadOnlyList<float[]> embeddings)
    {
        var spec = model.Head(head);
        if (!spec.IsRegression) throw new ArgumentException($"head '{head}' is not a regression head");
        if (embeddings.Count == 0) return [];
        int width = model.Config.Width, outputs = spec.Classes.Count;
        var flat = new float[embeddings.Count * width];
        for (int i = 0; i < embeddings.Count; i++) embeddings[i].AsSpan().CopyTo(flat.AsSpan(i * width, width));
        float[] raw;
        using (no_grad())
        using (NewDisposeScope())
        {
            var y = model.Logits(head, tensor(flat, new long[] { embeddings.Count, width })).contiguous();
            raw = MemoryMarshal.Cast<byte, float>(y.bytes).ToArray();
        }
        return Enumerable.Range(0, embeddings.Count)
            .Select(i => Enumerable.Range(0, outputs).Select(a => spec.TargetMean![a] + spec.TargetStd![a] * raw[i * outputs + a]).ToArray())
            .ToArray();
    }

    private static void Flush(SerModel model, int dim, int width, List<(int Item, float[] Data, int Start, int Length)> pending, double[][] sums, int[] counts)
    {
        if (pending.Count == 0) return;
        int padded = pending.Max(p => p.Length);
        var x = new float[pending.Count * padded * dim];
        var lengths = new long[pending.Count];
        for (int b = 0; b < pending.Count; b++)
        {
            var (_, data, start, length) = pending[b];
            data.AsSpan(start * dim, length * dim).CopyTo(x.AsSpan(b * padded * dim));
            lengths[b] = length;
        }
        float[] embedding;
        using (no_grad())
        using (NewDisposeScope())
        {
            var e = model.call(tensor(x, new long[] { pending.Count, padded, dim }), tensor(lengths)).contiguous();
            embedding = MemoryMarshal.Cast<byte, float>(e.bytes).ToArray();
        }
        for (int b = 0; b < pending.Count; b++)
        {
            int item = pending[b].Item;
            sums[item] ??= new double[width];
            for (int c = 0; c < width; c++) sums[item][c] += embedding[b * width + c];
            counts[item]++;
        }
        pending.Clear();
    }
}
