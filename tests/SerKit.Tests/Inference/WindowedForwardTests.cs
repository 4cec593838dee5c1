using System.Runtime.InteropServices;
using SerKit.Attributes;
using SerKit.Inference;
using SerKit.Modeling;
using SerKit.Tests.Modeling;
using static TorchSharp.torch;

namespace SerKit.Tests.Inference;

/// <summary>Attribute embeddings and class posteriors come from the same windowed forward pass.</summary>
public class WindowedForwardTests
{
    private static readonly ScoringWindows Windows = new() { WindowFrames = 40, HopFrames = 20 };

    /// <summary>The embedding [width] of one window, embedded alone.</summary>
    private static float[] EmbedAlone(SerModel model, float[] features, int start, int length)
    {
        int dim = model.Config.InputDim;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = tensor(features.AsSpan(start * dim, length * dim).ToArray(), new long[] { 1, length, dim });
        return MemoryMarshal.Cast<byte, float>(model.call(x, tensor(new long[] { length })).contiguous().bytes).ToArray();
    }

    private static float[] Softmax(SerModel model, float[] embedding)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var p = model.Logits("ser", tensor(embedding, new long[] { 1, embedding.Length })).softmax(-1).contiguous();
        return MemoryMarshal.Cast<byte, float>(p.bytes).ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmbeddingsAndPosteriorsAverageTheSameWindows(bool chunkLevel)
    {
        var config = chunkLevel ? ModelTestData.SmallChunk() : ModelTestData.Small();
        using var model = ModelTestData.Model(config, seed: 11);
        var source = new MemoryFeatureSource(config.InputDim);
        var lengths = new[] { 25, 40, 97, 61, 130 };
        var ids = lengths.Select((n, i) => $"u{i}").ToArray();
        for (int i = 0; i < ids.Length; i++) source.Add(ids[i], ModelTestData.Values(lengths[i] * config.InputDim, 100 + i));

        // Batches of 3 windows mix windows of different utterances.
        var embeddings = AttributeScoring.Embeddings(model, source, ids, Windows, batchSize: 3);
        var posteriors = WindowedScoring.Posteriors(model, "ser", source, ids, Windows, batchSize: 3);
        for (int i = 0; i < ids.Length; i++)
        {
            var features = source.Load(ids[i], out int frames);
            var windows = WindowedScoring.Windows(config, Windows, frames);
            Assert.Equal(chunkLevel || frames <= Windows.WindowFrames ? 1 : Windows.Starts(frames).Count, windows.Count);
            var alone = windows.Select(w => EmbedAlone(model, features, w.Start, w.Length)).ToArray();
            var meanEmbedding = Enumerable.Range(0, config.Width).Select(c => alone.Average(e => (double)e[c])).ToArray();
            var meanPosterior = Enumerable.Range(0, 3).Select(c => alone.Average(e => (double)Softmax(model, e)[c])).ToArray();
            for (int c = 0; c < config.Width; c++) Assert.Equal(meanEmbedding[c], embeddings[i][c], 1e-5);
            for (int c = 0; c < 3; c++) Assert.Equal(meanPosterior[c], posteriors[i][c], 1e-5);

            // One utterance on its own gives what it gets in the shared batches.
            var single = AttributeScoring.Embedding(model, features, frames, Windows, batchSize: 3);
            var singlePosteriors = WindowedScoring.Posteriors(model, "ser", features, frames, Windows, batchSize: 3);
            for (int c = 0; c < config.Width; c++) Assert.Equal(embeddings[i][c], single[c], 1e-5);
            for (int c = 0; c < 3; c++) Assert.Equal(posteriors[i][c], singlePosteriors[c], 1e-5);
        }
    }
}
