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
        ScoringWindows windows, int batchSize = 64) =>
        WindowedForward.Average(model, source, ids, windows, batchSize, model.Head(head).Classes.Count, Softmax(model, head));

    /// <summary>Averaged posteriors of one utterance's row-major [frames, dim] features.</summary>
    public static float[] Posteriors(SerModel model, string head, float[] features, int frames, ScoringWindows windows, int batchSize = 64) =>
        WindowedForward.Average(model, features, frames, windows, batchSize, model.Head(head).Classes.Count, Softmax(model, head));

    /// <summary>The (start, length) of each window scored for an utterance of <paramref name="frames"/> frames: the whole utterance for a chunk-level encoder, else <see cref="ScoringWindows.Starts"/>.</summary>
    public static IReadOnlyList<(int Start, int Length)> Windows(EncoderConfig encoder, ScoringWindows windows, int frames) =>
        encoder.IsChunkLevel ? [(0, frames)] : windows.Starts(frames).Select(s => (s, Math.Min(windows.WindowFrames, frames))).ToArray();

    private static Func<Tensor, Tensor> Softmax(SerModel model, string head) => embedding => model.Logits(head, embedding).softmax(-1);
}
