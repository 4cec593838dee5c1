using System.Runtime.InteropServices;
using SerKit.Modeling;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Inference;

/// <summary>
/// The windowed forward pass behind <see cref="WindowedScoring"/> and <see cref="SerKit.Attributes.AttributeScoring"/>: each utterance
/// is cut into <see cref="WindowedScoring.Windows"/>, windows of several utterances share batches (zero-padded to the batch's longest
/// window, features loaded one utterance at a time), the encoder embeds each batch, a readout maps the embeddings [batch, width] to
/// outputs [batch, outputs], and each utterance's outputs are averaged over its windows (summed in double). Runs without gradients in
/// whatever mode the model is in and does not change the model.
/// </summary>
internal static class WindowedForward
{
    /// <summary>Window-averaged outputs [utterance][output] of <paramref name="readout"/> for utterances <paramref name="ids"/> of <paramref name="source"/>.</summary>
    public static float[][] Average(SerModel model, IFeatureSource source, IReadOnlyList<string> ids, ScoringWindows windows, int batchSize,
        int outputs, Func<Tensor, Tensor> readout) =>
        Average(model, ids.Count, source.Dimension, i => (source.Load(ids[i], out int frames), frames), windows, batchSize, outputs, readout);

    /// <summary>Window-averaged outputs of <paramref name="readout"/> for one utterance's row-major [frames, dim] features.</summary>
    public static float[] Average(SerModel model, float[] features, int frames, ScoringWindows windows, int batchSize,
        int outputs, Func<Tensor, Tensor> readout) =>
        Average(model, 1, model.Config.InputDim, _ => (features, frames), windows, batchSize, outputs, readout)[0];

    private static float[][] Average(SerModel model, int count, int dim, Func<int, (float[] Data, int Frames)> load, ScoringWindows windows,
        int batchSize, int outputs, Func<Tensor, Tensor> readout)
    {
        var sums = new double[count][];
        var counts = new int[count];
        var pending = new List<(int Item, float[] Data, int Start, int Length)>();
        for (int i = 0; i < count; i++)
        {
            var (data, frames) = load(i);
            foreach (var (start, length) in WindowedScoring.Windows(model.Config, windows, frames))
            {
                pending.Add((i, data, start, length));
                if (pending.Count == batchSize) Flush(model, dim, outputs, readout, pending, sums, counts);
            }
        }
        Flush(model, dim, outputs, readout, pending, sums, counts);
        return sums.Select((s, i) => s.Select(v => (float)(v / counts[i])).ToArray()).ToArray();
    }

    private static void Flush(SerModel model, int dim, int outputs, Func<Tensor, Tensor> readout,
        List<(int Item, float[] Data, int Start, int Length)> pending, double[][] sums, int[] counts)
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
        float[] values;
        using (no_grad())
        using (NewDisposeScope())
        {
            var embedding = model.call(tensor(x, new long[] { pending.Count, padded, dim }), tensor(lengths));
            var y = readout(embedding).contiguous();
            values = MemoryMarshal.Cast<byte, float>(y.bytes).ToArray();
        }
        for (int b = 0; b < pending.Count; b++)
        {
            int item = pending[b].Item;
            sums[item] ??= new double[outputs];
            for (int c = 0; c < outputs; c++) sums[item][c] += values[b * outputs + c];
            counts[item]++;
        }
        pending.Clear();
    }
}
