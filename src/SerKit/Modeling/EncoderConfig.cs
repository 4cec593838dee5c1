using System.Text.Json.Serialization;

namespace SerKit.Modeling;

/// <summary>
/// Every size of the speech encoder (DESIGN.md section 5): convolutional front end →
/// transformer encoder → attentive pooling → utterance embedding of <see cref="Width"/> values;
/// or, with <see cref="Kind"/> = <c>chunk</c>, the chunk-level encoder of <see cref="Chunk"/>.
/// Serialised into a model's <c>config.json</c> (snake_case keys); <c>tools/serkit_model.py</c>
/// rebuilds the same network from it in PyTorch.
/// </summary>
public sealed record EncoderConfig
{
    /// <summary><c>transformer</c> (default: front end → transformer → attentive pooling) or <c>chunk</c> (dynamic chunking → chunk encoder → aggregation, see <see cref="Chunk"/>).</summary>
    public string Kind { get; init; } = "transformer";

    /// <summary>Settings of the chunk-level encoder (used when <see cref="Kind"/> is <c>chunk</c>).</summary>
    public ChunkSettings Chunk { get; init; } = new();

    /// <summary>True for the chunk-level encoder.</summary>
    [JsonIgnore]
    public bool IsChunkLevel => Kind == "chunk";

    /// <summary>Values per input frame (64 for the default log-mel).</summary>
    public int InputDim { get; init; } = 64;

    /// <summary>Kernel size of every front-end convolution (odd; padded by kernel/2 on both sides).</summary>
    public int ConvKernel { get; init; } = 3;

    /// <summary>One stride per front-end Conv1d layer; the number of entries is the number of layers. Default: two layers, the second halves the frame rate (10 ms → 20 ms).</summary>
    public int[] ConvStrides { get; init; } = [1, 2];

    /// <summary>Model width: front-end channels, transformer d_model and embedding size.</summary>
    public int Width { get; init; } = 128;

    /// <summary>Transformer encoder layers.</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads per layer (must divide <see cref="Width"/>).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Hidden size of each layer's feed-forward block.</summary>
    public int FeedForward { get; init; } = 256;

    /// <summary>Dropout inside the transformer (attention weights, residual branches, feed-forward) and after the positions.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Dropout on the attention weights (PyTorch's <c>self_attn.dropout</c>); null = <see cref="Dropout"/>.</summary>
    public double? AttentionDropout { get; init; }

    /// <summary>Activation of the front end and the feed-forward blocks: <c>gelu</c> or <c>relu</c>.</summary>
    public string Activation { get; init; } = "gelu";

    /// <summary>Pre-norm layers (<c>norm_first=True</c> in PyTorch) with a final LayerNorm; false gives PyTorch's default post-norm layers.</summary>
    public bool NormFirst { get; init; } = true;

    /// <summary>Position information added after the front end: <c>sinusoidal</c> (no parameters, any length) or <c>learned</c> (a table of <see cref="MaxPositions"/>).</summary>
    public string Positions { get; init; } = "sinusoidal";

    /// <summary>Longest sequence (after the front end's strides) the learned position table covers.</summary>
    public int MaxPositions { get; init; } = 1024;

    /// <summary>Hidden size of the attentive pooling's scoring network.</summary>
    public int PoolingDim { get; init; } = 128;

    /// <summary>Dropout on the utterance embedding before each classification head.</summary>
    public double HeadDropout { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent size.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"invalid encoder config: {message}");
        }
        Require(Kind is "transformer" or "chunk", $"kind must be transformer or chunk (got '{Kind}')");
        Require(Chunk is not null, "chunk settings are missing");
        if (IsChunkLevel) Chunk!.Validate();
        Require(InputDim > 0, $"input_dim must be positive (got {InputDim})");
        Require(ConvKernel > 0 && ConvKernel % 2 == 1, $"conv_kernel must be odd and positive (got {ConvKernel})");
        Require(ConvStrides is { Length: > 0 } && ConvStrides.All(s => s >= 1), "conv_strides needs at least one layer, strides >= 1");
        Require(Width > 0, $"width must be positive (got {Width})");
        Require(Layers >= 0, $"layers must not be negative (got {Layers})");
        Require(Heads > 0 && Width % Heads == 0, $"heads ({Heads}) must divide width ({Width})");
        Require(FeedForward > 0, $"feed_forward must be positive (got {FeedForward})");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Require(AttentionDropout is null or (>= 0 and < 1), $"attention_dropout must be in [0, 1) (got {AttentionDropout})");
        Require(HeadDropout is >= 0 and < 1, $"head_dropout must be in [0, 1) (got {HeadDropout})");
        Require(Activation is "gelu" or "relu", $"activation must be gelu or relu (got '{Activation}')");
        Require(Positions is "sinusoidal" or "learned", $"positions must be sinusoidal or learned (got '{Positions}')");
        Require(MaxPositions > 0, $"max_positions must be positive (got {MaxPositions})");
        Require(PoolingDim > 0, $"pooling_dim must be positive (got {PoolingDim})");
    }

    /// <summary>This config with the chunk count fixed from the longest training utterance (<see cref="ChunkSettings.WithChunksFor"/>); unchanged for the transformer or a given count.</summary>
    public EncoderConfig WithChunksFor(int longestFrames) =>
        IsChunkLevel && Chunk.Chunks == 0 ? this with { Chunk = Chunk.WithChunksFor(longestFrames) } : this;

    /// <summary>Frames after the front end for an input of <paramref name="frames"/> frames: each layer maps L to (L − 1)/stride + 1.</summary>
    public long OutputFrames(long frames)
    {
        foreach (var s in ConvStrides) frames = (frames + 2 * (ConvKernel / 2) - ConvKernel) / s + 1;
        return frames;
    }
}
