using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// Dynamic chunking (Lin &amp; Busso): an utterance of T frames becomes a fixed number C of chunks of m frames
/// by varying the overlap. Chunk i (i = 0 … C − 1) covers frames s_i … s_i + m − 1 with s_i = i·step and
/// step = ⌊(T − m) / (C − 1)⌋, so the first chunk starts at frame 0 and the last ends at most C − 2 frames
/// before the end (the rounding down). Consecutive chunks overlap by m − step frames; for T &gt; C·m the step
/// exceeds m and the chunks leave gaps of step − m frames between them (still C chunks). With C = 1 the single
/// chunk is centred: s_0 = ⌊(T − m) / 2⌋. An utterance shorter than one chunk (T &lt; m) is repeat-padded: the
/// utterance is tiled to m frames (frame j of the chunk is frame j mod T) and every chunk is that tiled copy.
/// Chunk-level labels are the utterance's label (<see cref="ChunkLabels{T}"/>).
/// </summary>
public static class DynamicChunking
{
    /// <summary>C = ⌈<paramref name="longestFrames"/> / m⌉ (at least 1): enough chunks that the longest utterance is covered without gaps.</summary>
    public static int ChunkCount(int longestFrames, int chunkFrames)
    {
        if (chunkFrames < 1) throw new ArgumentOutOfRangeException(nameof(chunkFrames), $"chunk frames must be positive (got {chunkFrames})");
        if (longestFrames < 1) throw new ArgumentOutOfRangeException(nameof(longestFrames), $"the longest utterance must have at least one frame (got {longestFrames})");
        return (int)Math.Max(1, ((long)longestFrames + chunkFrames - 1) / chunkFrames);
    }

    /// <summary>Distance between consecutive chunk starts: ⌊(T − m) / (C − 1)⌋ for T ≥ m and C ≥ 2, else 0.</summary>
    public static int Step(int frames, int chunkFrames, int chunks)
    {
        Check(frames, chunkFrames, chunks);
        return frames <= chunkFrames || chunks == 1 ? 0 : (frames - chunkFrames) / (chunks - 1);
    }

    /// <summary>First frame of each of the C chunks (see the class remarks; all 0 for T ≤ m).</summary>
    public static int[] Starts(int frames, int chunkFrames, int chunks)
    {
        Check(frames, chunkFrames, chunks);
        var starts = new int[chunks];
        if (frames <= chunkFrames) return starts;
        if (chunks == 1) starts[0] = (frames - chunkFrames) / 2;
        else
        {
            int step = Step(frames, chunkFrames, chunks);
            for (int i = 0; i < chunks; i++) starts[i] = i * step;
        }
        return starts;
    }

    /// <summary>The C·m frame indices of the chunks in order (chunk i at [i·m, (i + 1)·m)); a short utterance's indices repeat (j mod T).</summary>
    public static int[] FrameIndices(int frames, int chunkFrames, int chunks)
    {
        var starts = Starts(frames, chunkFrames, chunks);
        var index = new int[chunks * chunkFrames];
        for (int i = 0; i < chunks; i++)
            for (int j = 0; j < chunkFrames; j++)
                index[i * chunkFrames + j] = frames < chunkFrames ? j % frames : starts[i] + j;
        return index;
    }

    /// <summary>Row-major [C, m, dim] chunks of row-major [<paramref name="frames"/>, dim] features.</summary>
    public static float[] Chunk(ReadOnlySpan<float> features, int frames, int dim, int chunkFrames, int chunks)
    {
        if (dim < 1 || features.Length != (long)frames * dim)
            throw new ArgumentException($"{features.Length} values is not {frames} frames of {dim} dimensions");
        var index = FrameIndices(frames, chunkFrames, chunks);
        var result = new float[index.Length * dim];
        for (int k = 0; k < index.Length; k++) features.Slice(index[k] * dim, dim).CopyTo(result.AsSpan(k * dim, dim));
        return result;
    }

    /// <summary>
    /// Chunks [B·C, m, F] (utterance b's chunks at rows b·C … b·C + C − 1) of a padded batch [B, T, F] whose utterance b
    /// has <paramref name="lengths"/>[b] real frames (int64, on the CPU); padding frames are never used.
    /// </summary>
    public static Tensor Apply(Tensor features, Tensor lengths, int chunkFrames, int chunks)
    {
        if (features.dim() != 3) throw new ArgumentException($"features must be [batch, frames, dim] (got [{string.Join(", ", features.shape)}])");
        long batch = features.shape[0], padded = features.shape[1], dim = features.shape[2];
        using var cpuLengths = lengths.to(ScalarType.Int64, CPU).contiguous();
        var n = cpuLengths.data<long>().ToArray();
        if (n.Length != batch) throw new ArgumentException($"{n.Length} lengths for a batch of {batch}");
        var index = new long[batch * chunks * chunkFrames];
        for (int b = 0; b < batch; b++)
        {
            if (n[b] < 1 || n[b] > padded) throw new ArgumentException($"utterance {b} of the batch has length {n[b]}, not in 1..{padded}");
            var frames = FrameIndices((int)n[b], chunkFrames, chunks);
            for (int k = 0; k < frames.Length; k++) index[(long)b * frames.Length + k] = frames[k];
        }
        using var scope = NewDisposeScope();
        var gather = tensor(index, new[] { batch, (long)chunks * chunkFrames, 1 }, device: features.device).expand(batch, (long)chunks * chunkFrames, dim);
        return features.gather(1, gather).reshape(batch * chunks, chunkFrames, dim).MoveToOuterDisposeScope();
    }

    /// <summary>The label of each of the C chunks: the utterance's label, copied.</summary>
    public static T[] ChunkLabels<T>(T label, int chunks)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), $"chunks must be positive (got {chunks})");
        return Enumerable.Repeat(label, chunks).ToArray();
    }

    private static void Check(int frames, int chunkFrames, int chunks)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), $"an utterance needs at least one frame (got {frames})");
        if (chunkFrames < 1) throw new ArgumentOutOfRangeException(nameof(chunkFrames), $"chunk frames must be positive (got {chunkFrames})");
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), $"chunks must be positive (got {chunks})");
    }
}
