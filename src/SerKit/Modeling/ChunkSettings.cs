namespace SerKit.Modeling;

/// <summary>
/// Settings of the chunk-level encoder (Lin &amp; Busso; <see cref="EncoderConfig.Kind"/> = <c>chunk</c>):
/// every utterance becomes <see cref="Chunks"/> chunks of <see cref="Frames"/> frames (<see cref="DynamicChunking"/>),
/// each chunk is encoded by <see cref="Encoder"/> into one vector, and the chunk vectors are combined by
/// <see cref="Aggregation"/> into the utterance embedding. Serialised as <c>config.json</c> → <c>encoder.chunk</c>.
/// </summary>
public sealed record ChunkSettings
{
    /// <summary>Frames per chunk, m (100 = 1 s at the 10 ms hop).</summary>
    public int Frames { get; init; } = 100;

    /// <summary>Chunks per utterance, C; 0 = ⌈Tmax / m⌉ from the longest training utterance, fixed (and written to <c>config.json</c>) before the model is built.</summary>
    public int Chunks { get; init; }

    /// <summary>Chunk encoder: <c>lstm</c> (last output of an LSTM of width <see cref="EncoderConfig.Width"/>) or <c>cnn</c> (Conv1d layers as the front end's, mean over the chunk's frames).</summary>
    public string Encoder { get; init; } = "lstm";

    /// <summary>Stacked LSTM layers of the <c>lstm</c> chunk encoder.</summary>
    public int LstmLayers { get; init; } = 1;

    /// <summary>Aggregation of the chunk vectors: <c>mean</c>, <c>gated_attention</c> or <c>self_attention</c>.</summary>
    public string Aggregation { get; init; } = "gated_attention";

    /// <summary>The chunk encoders SerKit has.</summary>
    public static IReadOnlyList<string> Encoders { get; } = ["lstm", "cnn"];

    /// <summary>The aggregations SerKit has.</summary>
    public static IReadOnlyList<string> Aggregations { get; } = ["mean", "gated_attention", "self_attention"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (<see cref="Chunks"/> may still be 0).</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"invalid encoder config: chunk.{message}");
        }
        Require(Frames >= 1, $"frames must be positive (got {Frames})");
        Require(Chunks >= 0, $"chunks must not be negative (got {Chunks}; 0 = from the longest training utterance)");
        Require(Encoders.Contains(Encoder), $"encoder must be {string.Join(" or ", Encoders)} (got '{Encoder}')");
        Require(LstmLayers >= 1, $"lstm_layers must be at least 1 (got {LstmLayers})");
        Require(Aggregations.Contains(Aggregation), $"aggregation must be {string.Join(", ", Aggregations)} (got '{Aggregation}')");
    }

    /// <summary>These settings with <see cref="Chunks"/> fixed to ⌈<paramref name="longestFrames"/> / m⌉ when it is 0 (unchanged otherwise).</summary>
    public ChunkSettings WithChunksFor(int longestFrames) =>
        Chunks > 0 ? this : this with { Chunks = DynamicChunking.ChunkCount(longestFrames, Frames) };
}
