using System.Text.Json;
using SerKit.IO;
using SerKit.Modeling;

namespace SerKit.Attributes;

/// <summary>
/// k-means clusters of utterance embeddings (<c>MODEL/clusters.json</c> of a DeepEmoCluster model): the centroids in the space k-means ran
/// in (unit-length embeddings when <see cref="L2Normalize"/>), how many utterances each cluster received, and the seed. Any utterance is
/// assigned to the cluster of its nearest centroid (<see cref="Assign"/>).
/// </summary>
public sealed record EmbeddingClusters(IReadOnlyList<double[]> Centroids, bool L2Normalize, IReadOnlyList<int> Sizes, long Seed)
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "clusters.json";

    /// <summary>Number of clusters.</summary>
    public int Count => Centroids.Count;

    /// <summary>The point k-means sees for <paramref name="embedding"/>: the embedding, scaled to unit length when <see cref="L2Normalize"/> (a zero vector stays zero).</summary>
    public static double[] Point(float[] embedding, bool l2Normalize)
    {
        var x = embedding.Select(v => (double)v).ToArray();
        if (!l2Normalize) return x;
        double norm = Math.Sqrt(x.Sum(v => v * v));
        if (norm > 0) for (int i = 0; i < x.Length; i++) x[i] /= norm;
        return x;
    }

    /// <summary>The nearest centroid's index for <paramref name="embedding"/>.</summary>
    public int Assign(float[] embedding)
    {
        if (embedding.Length != Centroids[0].Length) throw new ArgumentException($"embedding has {embedding.Length} values, the centroids {Centroids[0].Length}");
        return KMeans.Nearest(Centroids, Point(embedding, L2Normalize));
    }

    /// <summary>Runs k-means (<see cref="KMeans.Fit(IReadOnlyList{double[]}, int, ulong, int)"/>) on <paramref name="embeddings"/>.</summary>
    public static (EmbeddingClusters Clusters, KMeansResult Result) Fit(IReadOnlyList<float[]> embeddings, int k, long seed, bool l2Normalize, int maxIterations)
    {
        var points = embeddings.Select(e => Point(e, l2Normalize)).ToArray();
        var result = KMeans.Fit(points, k, unchecked((ulong)seed), maxIterations);
        return (new EmbeddingClusters(result.Centroids, l2Normalize, result.Sizes, seed), result);
    }

    private sealed record FileContent(string Format, int Clusters, bool L2Normalize, long Seed, IReadOnlyList<int> Sizes, IReadOnlyList<double[]> Centroids);

    /// <summary>Writes the clusters atomically.</summary>
    public void Write(string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new FileContent("serkit-embedding-clusters", Count, L2Normalize, Seed, Sizes, Centroids), ModelJson.Options) + "\n");

    /// <summary>Reads a <c>clusters.json</c>; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static EmbeddingClusters Read(string path)
    {
        FileContent? c;
        try { c = JsonSerializer.Deserialize<FileContent>(File.ReadAllText(path), ModelJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a clusters file ({e.Message})"); }
        if (c is null || c.Format != "serkit-embedding-clusters") throw new InvalidDataException($"{path}: not a clusters file (format 'serkit-embedding-clusters' expected)");
        if (c.Centroids is null || c.Centroids.Count == 0 || c.Centroids.Count != c.Clusters || c.Centroids.Any(x => x is null || x.Length != c.Centroids[0].Length || x.Any(v => !double.IsFinite(v))))
            throw new InvalidDataException($"{path}: expected {c.Clusters} finite centroids of one dimension");
        return new EmbeddingClusters(c.Centroids, c.L2Normalize, c.Sizes ?? [], c.Seed);
    }
}
