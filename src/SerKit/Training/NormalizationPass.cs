using SerKit.Modeling;

namespace SerKit.Training;

/// <summary>
/// Computes <see cref="FeatureNormalization"/> over the training utterances: features are loaded in
/// parallel in chunks (which also fills an on-the-fly source's cache) and added in utterance order, so
/// the statistics do not depend on the number of workers.
/// </summary>
public static class NormalizationPass
{
    /// <summary>Mean and deviation over every frame of <paramref name="ids"/>; reports (done, total) after each chunk.</summary>
    public static FeatureNormalization Compute(IFeatureSource source, IReadOnlyList<string> ids, int workers,
        IProgress<(int Done, int Total)>? progress = null, string feature = "logmel", CancellationToken cancellation = default)
    {
        var stats = new FeatureStatistics(source.Dimension);
        int chunk = Math.Max(16, workers * 8);
        for (int start = 0; start < ids.Count; start += chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            int n = Math.Min(chunk, ids.Count - start);
            var loaded = new float[n][];
            try
            {
                Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation },
                    i => loaded[i] = source.Load(ids[start + i], out _));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            foreach (var f in loaded) stats.Add(f);
            progress?.Report((start + n, ids.Count));
        }
        return stats.Result(feature);
    }
}
