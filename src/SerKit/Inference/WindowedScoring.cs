using System.Runtime.InteropServices;
using SerKit.Modeling;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Inference;

/// <summary>
/// Class posteriors of whole utterances: an utterance of up to <see cref="ScoringWindows.WindowFrames"/>
/// frames is scored whole, a longer one in windows (<see cref="ScoringWindows.Starts"/>) whose softmax
/// outputs are averaged. Windows of several utterances share batches; features are loaded one utterance
/// at a time. The model must be in evaluation mode; scoring runs without gradients and does not change
/// the model, so several threads may score with one model at once. A chunk-level model
/// (<see cref="EncoderConfig.IsChunkLevel"/>) scores every utterance whole, whatever its length: dynamic
/// chunking already maps any length to its fixed number of chunks, so the windows are not used.
/// </summary>
public static class WindowedScoring
{
    /// <summary>Averaged posteriors [utterance][class] of head <paramref name="head"/> for utterances <paramref name="ids"/>.</summary>
    public static float[][] Posteriors(SerModel model, string head, IFeatureSource source, IReadOnlyList<string> ids,
        ScoringWindows windows, int batchSize = 64)
    {
        int classes = model.Head(head).Classes.Count;
        var sums = new double[ids.Count][];
        var counts = new int[ids.Count];
        var pending = new List<(int Item, float[] Data, int Start, int Length)>();
        for (int i = 0; i < ids.Count; i++)
        {
            var data = source.Load(ids[i], out int frames);
            foreach (var (start, length) in Windows(model.Config, windows, frames))
            {
                pending.Add((i, data, start, length));
                if (pending.Count == batchSize) Flush(model, head, source.Dimension, classes, pending, sums, counts);
            }
        }
        Flush(model, head, source.Dimension, classes, pending, sums, counts);
        return sums.Select((s, i) => s.Select(v => (float)(v / counts[i])).ToArray()).ToArray();
    }

    /// <summary>Averaged posteriors of one utterance's row-major [frames, dim] features.</summary>
    public static float[] Posteriors(SerModel model, string head, float[] features, int frames, ScoringWindows windows, int batchSize = 64)
    {
        int dim = model.Config.InputDim;
        int classes = model.Head(head).Classes.Count;
        var sums = new double[1][];
        var counts = new int[1];
        var pending = new List<(int, float[], int, int)>();
        foreach (var (start, length) in Windows(model.Config, windows, frames))
        {
            pending.Add((0, features, start, length));
            if (pending.Count == batchSize) Flush(model, head, dim, classes, pending, sums, counts);
        }
        Flush(model, head, dim, classes, pending, sums, counts);
        return sums[0].Select(v => (float)(v / counts[0])).ToArray();
    }

    /// <summary>The (start, length) of each window scored for an utterance of <paramref name="frames"/> frames: the whole utterance for a chunk-level encoder, else <see cref="ScoringWindows.Starts"/>.</summary>
    public static IReadOnlyList<(int Start, int Length)> Windows(EncoderConfig encoder, ScoringWindows windows, int frames) =>
        encoder.IsChunkLevel ? [(0, frames)] : windows.Starts(frames).Select(s => (s, Math.Min(windows.WindowFrames, frames))).ToArray();

    private static void Flush(SerModel model, string head, int dim, int classes, List<(int Item, float[] Data, int Start, int Length)> pending,
        double[][] sums, int[] counts)
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
        float[] probabilities;
        using (no_grad())
        using (NewDisposeScope())
        {
            var embedding = model.call(tensor(x, new long[] { pending.Count, padded, dim }), tensor(lengths));
            var p = model.Logits(head, embedding).softmax(-1).contiguous();
            probabilities = MemoryMarshal.Cast<byte, float>(p.bytes).ToArray();
        }
        for (int b = 0; b < pending.Count; b++)
        {
            int item = pending[b].Item;
            sums[item] ??= new double[classes];
            for (int c = 0; c < classes; c++) sums[item][c] += probabilities[b * classes + c];
            counts[item]++;
        }
        pending.Clear();
    }
}
