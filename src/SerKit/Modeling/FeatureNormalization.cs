using System.Text.Json;
using System.Text.Json.Serialization;
using SerKit.IO;

namespace SerKit.Modeling;

/// <summary>
/// Per-dimension mean and standard deviation of the training features (<c>normalization.json</c>),
/// computed over every frame of the training utterances. Deviations are floored at
/// <see cref="StdFloor"/> so that a constant dimension does not divide by zero.
/// </summary>
public sealed record FeatureNormalization(float[] Mean, float[] Std)
{
    /// <summary>Smallest standard deviation used.</summary>
    public const float StdFloor = 1e-5f;

    /// <summary>Frames the statistics were computed from.</summary>
    public long Frames { get; init; }

    /// <summary>Frames of the longest of those utterances (0 when unknown, e.g. in files written before it was recorded); fixes the chunk count of a chunk-level encoder.</summary>
    public int MaxFrames { get; init; }

    /// <summary>Utterances the statistics were computed from.</summary>
    public int Utterances { get; init; }

    /// <summary>The feature kind, e.g. <c>logmel</c>.</summary>
    public string Feature { get; init; } = "logmel";

    /// <summary>Zero mean, unit deviation.</summary>
    public static FeatureNormalization Identity(int dim) => new(new float[dim], Enumerable.Repeat(1f, dim).ToArray());

    /// <summary>Writes the statistics as JSON, atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, ModelJson.Options) + "\n");

    /// <summary>Reads <c>normalization.json</c>; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static FeatureNormalization Read(string path)
    {
        FeatureNormalization? n;
        try { n = JsonSerializer.Deserialize<FeatureNormalization>(File.ReadAllText(path), ModelJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a normalisation file ({e.Message})"); }
        if (n?.Mean is null || n.Std is null || n.Mean.Length == 0 || n.Mean.Length != n.Std.Length)
            throw new InvalidDataException($"{path}: mean and std must be non-empty arrays of the same length");
        if (n.Std.Any(s => !(s > 0)) || n.Mean.Any(m => !float.IsFinite(m)))
            throw new InvalidDataException($"{path}: std must be positive and mean finite");
        return n;
    }
}
