using System.Runtime.InteropServices;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Orofacial;

/// <summary>Runs an orofacial model over whole utterances (no cropping) and scores it (<see cref="OrofacialMetrics"/>).</summary>
public static class OrofacialScoring
{
    /// <summary>Predicted landmarks of one utterance: <see cref="OrofacialPoints.Outputs"/> values per frame, the emotion posteriors and the frame visemes (when the model has those heads).</summary>
    public sealed record Prediction(string Id, int Frames, float[] Landmarks, float[]? EmotionPosteriors, int[]? Visemes);

    /// <summary>
    /// The model's predictions for <paramref name="examples"/> (features from <paramref name="source"/>), <paramref name="batchSize"/>
    /// utterances at a time, in order. The model is put in evaluation mode.
    /// </summary>
    public static IEnumerable<Prediction> Predict(OrofacialModel model, IReadOnlyList<OrofacialExample> examples, IFeatureSource source, int batchSize = 16)
    {
        model.eval();
        for (int start = 0; start < examples.Count; start += batchSize)
        {
            var members = examples.Skip(start).Take(batchSize).ToArray();
            var batch = OrofacialBatch.Build(members, source);
            foreach (var p in Predict(model, batch, members.Select(m => m.Id).ToArray())) yield return p;
        }
    }

    /// <summary>Predictions for one padded batch.</summary>
    public static IReadOnlyList<Prediction> Predict(OrofacialModel model, OrofacialBatch batch, IReadOnlyList<string> ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var lengths = batch.LengthTensor();
        var states = model.call(batch.FeatureTensor(), lengths);
        var landmarks = Floats(model.Landmarks(states));
        var emotion = model.HasEmotion ? Floats(model.EmotionLogits(states, lengths).softmax(-1)) : null;
        var visemes = model.HasViseme ? Longs(model.VisemeLogits(states).argmax(2)) : null;
        int t = batch.Frames, o = OrofacialPoints.Outputs, e = model.Config.EmotionClasses?.Count ?? 0;
        var result = new Prediction[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            int n = (int)batch.Lengths[i];
            result[i] = new Prediction(ids[i], n, landmarks.AsSpan(i * t * o, n * o).ToArray(),
                emotion?.AsSpan(i * e, e).ToArray(), visemes?.AsSpan(i * t, n).ToArray().Select(v => (int)v).ToArray());
        }
        return result;
    }

    /// <summary>Scores <paramref name="examples"/>: landmark errors and correlations over frames with landmarks, emotion over utterances with a class, visemes over frames with a class.</summary>
    public static OrofacialMetrics Evaluate(OrofacialModel model, IReadOnlyList<OrofacialExample> examples, IFeatureSource source, int batchSize = 16)
    {
        var acc = new OrofacialMetricsAccumulator(model.Config.TargetMean, model.Config.EmotionClasses, model.Config.VisemeClasses?.Count ?? 0);
        var byId = examples.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var truth = new float[OrofacialPoints.Outputs];
        foreach (var p in Predict(model, examples, source, batchSize))
        {
            var e = byId[p.Id];
            for (int f = 0; f < p.Frames; f++)
            {
                if (e.Utterance.Valid[f])
                {
                    e.Utterance.Targets(f, truth);
                    acc.AddFrame(p.Landmarks.AsSpan(f * OrofacialPoints.Outputs, OrofacialPoints.Outputs), truth);
                }
                if (p.Visemes is { } v && e.Visemes is { } y && y[f] >= 0) acc.AddViseme(y[f], v[f]);
            }
            acc.AddUtterance();
            if (p.EmotionPosteriors is { } post && e.Emotion is int label) acc.AddEmotion(label, ArgMax(post));
        }
        return acc.Result();
    }

    private static int ArgMax(float[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    private static float[] Floats(Tensor t)
    {
        var c = t.detach().contiguous();
        var data = new float[c.numel()];
        MemoryMarshal.Cast<byte, float>(c.bytes).CopyTo(data);
        return data;
    }

    private static long[] Longs(Tensor t)
    {
        var c = t.detach().to(ScalarType.Int64).contiguous();
        var data = new long[c.numel()];
        MemoryMarshal.Cast<byte, long>(c.bytes).CopyTo(data);
        return data;
    }
}
