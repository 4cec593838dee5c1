using SerKit.Corpus;
using SerKit.Training;
using static TorchSharp.torch;

namespace SerKit.Orofacial;

/// <summary>
/// A padded batch of orofacial examples: features [B, T, F] (zero after each utterance's length), lengths [B], landmark targets
/// [B, T, 74] with their mask [B, T] (true where the frame is real and has landmarks), viseme classes [B, T] (-1 = none) and
/// emotion classes [B] (-1 = none). With a crop length, an utterance longer than it contributes a window starting at an offset drawn
/// from the data generator (so training batches are reproducible from the seed and epoch).
/// </summary>
public sealed class OrofacialBatch
{
    private OrofacialBatch(float[] features, long[] lengths, float[] targets, bool[] mask, long[] visemes, long[] emotions, int frames, int dim)
    {
        Features = features;
        Lengths = lengths;
        Targets = targets;
        Mask = mask;
        Visemes = visemes;
        Emotions = emotions;
        Frames = frames;
        Dimension = dim;
    }

    /// <summary>Padded frames per utterance (T).</summary>
    public int Frames { get; }

    /// <summary>Feature values per frame (F).</summary>
    public int Dimension { get; }

    /// <summary>Row-major [B, T, F] features.</summary>
    public float[] Features { get; }

    /// <summary>Real frames per utterance.</summary>
    public long[] Lengths { get; }

    /// <summary>Row-major [B, T, 74] targets (0 where masked).</summary>
    public float[] Targets { get; }

    /// <summary>[B, T]: the frame is real and has landmarks.</summary>
    public bool[] Mask { get; }

    /// <summary>[B, T] viseme classes, -1 where none.</summary>
    public long[] Visemes { get; }

    /// <summary>[B] emotion classes, -1 where none.</summary>
    public long[] Emotions { get; }

    /// <summary>Number of utterances (B).</summary>
    public int Count => Lengths.Length;

    /// <summary>Crop offsets chosen for the members (0 without cropping).</summary>
    public int[] Offsets { get; private init; } = [];

    /// <summary>
    /// Builds a batch of <paramref name="members"/> with features from <paramref name="source"/>; utterances longer than <paramref name="crop"/>
    /// frames are cut to a window at an offset drawn from <paramref name="rng"/> (null: no cropping).
    /// </summary>
    public static OrofacialBatch Build(IReadOnlyList<OrofacialExample> members, IFeatureSource source, int crop = int.MaxValue, SplitMix64? rng = null)
    {
        int n = members.Count, dim = source.Dimension;
        var loaded = new (float[] Data, int Frames)[n];
        var offsets = new int[n];
        var lengths = new long[n];
        for (int i = 0; i < n; i++)
        {
            var data = source.Load(members[i].Id, out int frames);
            // Features and face data count frames the same way; a mismatch means the features changed since the data set was built.
            if (frames != members[i].Utterance.Frames)
                throw new InvalidOperationException($"utterance {members[i].Id}: {frames} feature frames, its landmark targets have {members[i].Utterance.Frames}");
            loaded[i] = (data, frames);
            int length = Math.Min(frames, crop);
            offsets[i] = frames > length && rng is not null ? (int)rng.NextBelow((ulong)(frames - length + 1)) : 0;
            lengths[i] = length;
        }
        int t = (int)Math.Max(1, lengths.DefaultIfEmpty(1).Max());
        const int O = OrofacialPoints.Outputs;
        var features = new float[n * t * dim];
        var targets = new float[n * t * O];
        var mask = new bool[n * t];
        var visemes = new long[n * t];
        var emotions = new long[n];
        Array.Fill(visemes, -1L);
        for (int i = 0; i < n; i++)
        {
            var e = members[i];
            int length = (int)lengths[i], offset = offsets[i];
            Array.Copy(loaded[i].Data, (long)offset * dim, features, (long)i * t * dim, (long)length * dim);
            for (int f = 0; f < length; f++)
            {
                int src = offset + f, dst = i * t + f;
                if (e.Utterance.Valid[src])
                {
                    mask[dst] = true;
                    e.Utterance.Targets(src, targets.AsSpan(dst * O, O));
                }
                if (e.Visemes is { } v) visemes[dst] = v[src];
            }
            emotions[i] = e.Emotion ?? -1;
        }
        return new OrofacialBatch(features, lengths, targets, mask, visemes, emotions, t, dim) { Offsets = offsets };
    }

    /// <summary>The features as a [B, T, F] tensor.</summary>
    public Tensor FeatureTensor() => tensor(Features, [Count, Frames, Dimension]);

    /// <summary>The lengths as an int64 tensor [B].</summary>
    public Tensor LengthTensor() => tensor(Lengths);

    /// <summary>The targets as a [B, T, 74] tensor.</summary>
    public Tensor TargetTensor() => tensor(Targets, [Count, Frames, OrofacialPoints.Outputs]);

    /// <summary>The landmark mask as a boolean [B, T] tensor.</summary>
    public Tensor MaskTensor() => tensor(Mask, [Count, Frames]);

    /// <summary>Viseme classes as an int64 [B, T] tensor.</summary>
    public Tensor VisemeTensor() => tensor(Visemes, [Count, Frames]);

    /// <summary>Emotion classes as an int64 [B] tensor.</summary>
    public Tensor EmotionTensor() => tensor(Emotions);

    /// <summary>Frames with landmarks.</summary>
    public int MaskedFrames => Mask.Count(m => m);

    /// <summary>Frames with a viseme class.</summary>
    public int VisemeFrames => Visemes.Count(v => v >= 0);

    /// <summary>Utterances with an emotion class.</summary>
    public int EmotionCount => Emotions.Count(v => v >= 0);
}
