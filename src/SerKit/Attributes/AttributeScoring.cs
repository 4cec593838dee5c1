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
    public static float[][] Embeddings(SerModel model, IFeatureSource source, IReadOnlyList<string> ids, ScoringWindows windows, int batchSize = 64) =>
        WindowedForward.Average(model, source, ids, windows, batchSize, model.Config.Width, embedding => embedding);

    /// <summary>The (window-averaged) embedding of one utterance's row-major [frames, dim] features.</summary>
    public static float[] Embedding(SerModel model, float[] features, int frames, ScoringWindows windows, int batchSize = 64) =>
        WindowedForward.Average(model, features, frames, windows, batchSize, model.Config.Width, embedding => embedding);

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
}
