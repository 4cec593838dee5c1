using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Modeling;

/// <summary>
/// The SER network of DESIGN.md section 5: input standardisation (<c>input_norm</c>) →
/// convolutional front end (<c>frontend</c>) → positions (sinusoidal, or <c>positions</c> when
/// learned) → transformer encoder (<c>encoder</c>) → masked attentive pooling (<c>pooling</c>) →
/// utterance embedding, and one linear head per task (<c>heads.&lt;name&gt;</c>). With a chunk-level config
/// (<see cref="EncoderConfig.Kind"/> = <c>chunk</c>) the part between standardisation and heads is instead dynamic
/// chunking → chunk encoder (<c>chunk_encoder</c>) → chunk aggregation (<c>aggregation</c>). Parameter names
/// follow PyTorch's modules so that <c>tools/serkit_model.py</c> loads the same weights.
/// </summary>
public sealed class SerModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly InputNormalization _inputNorm;
    private readonly ConvFrontEnd? _frontend;
    private readonly LearnedPositions? _positions;
    private readonly TransformerStack? _encoder;
    private readonly AttentivePooling? _pooling;
    private readonly nn.Module<Tensor, Tensor>? _chunkEncoder;
    private readonly nn.Module<Tensor, Tensor>? _aggregation;
    private readonly ClassificationHeads _heads;

    /// <summary>
    /// A freshly initialised network (libtorch's generator supplies the initial weights: seed it first). A chunk-level
    /// config must have its chunk count fixed (<see cref="EncoderConfig.WithChunksFor"/>).
    /// </summary>
    public SerModel(EncoderConfig config, IReadOnlyList<HeadSpec> heads) : base(nameof(SerModel))
    {
        config.Validate();
        if (config.IsChunkLevel && config.Chunk.Chunks < 1)
            throw new ArgumentException("invalid encoder config: chunk.chunks is 0; fix it from the longest training utterance (EncoderConfig.WithChunksFor) before building the model");
        Config = config;
        Heads = heads.ToArray();
        Dropout = new DropoutGenerator();
        // The layers' default initialisation draws from libtorch's process-wide generator: hold its gate so
        // that a model built on another thread (a parallel run, a model being loaded) cannot take those numbers.
        lock (TorchRuntime.RandomGate)
        {
            _inputNorm = new InputNormalization(config.InputDim);
            if (config.IsChunkLevel)
            {
                _chunkEncoder = config.Chunk.Encoder switch
                {
                    "lstm" => new LstmChunkEncoder(config.InputDim, config.Width, config.Chunk.LstmLayers),
                    _ => new CnnChunkEncoder(config),
                };
                _aggregation = config.Chunk.Aggregation switch
                {
                    "mean" => new MeanChunkAggregation(),
                    "gated_attention" => new GatedAttentionAggregation(config.Width, config.PoolingDim),
                    _ => new SelfAttentionAggregation(config, Dropout),
                };
            }
            else
            {
                _frontend = new ConvFrontEnd(config);
                _encoder = new TransformerStack(config, Dropout);
                _pooling = new AttentivePooling(config.Width, config.PoolingDim);
            }
            _heads = new ClassificationHeads(config.Width, Heads, config.HeadDropout, Dropout);
        }
        register_module("input_norm", _inputNorm);
        if (_chunkEncoder is not null)
        {
            register_module("chunk_encoder", _chunkEncoder);
            register_module("aggregation", _aggregation!);
        }
        else
        {
            register_module("frontend", _frontend!);
            if (config.Positions == "learned")
            {
                _positions = new LearnedPositions(config.MaxPositions, config.Width);
                register_module("positions", _positions);
            }
            else if (config.Width % 2 != 0) throw new ArgumentException($"invalid encoder config: sinusoidal positions need an even width (got {config.Width})");
            register_module("encoder", _encoder!);
            register_module("pooling", _pooling!);
        }
        register_module("heads", _heads);
    }

    /// <summary>The generator of every dropout mask in the network (reseed it for reproducible training).</summary>
    public DropoutGenerator Dropout { get; }

    /// <summary>The sizes the network was built with.</summary>
    public EncoderConfig Config { get; }

    /// <summary>The classification heads, in the order they were given.</summary>
    public IReadOnlyList<HeadSpec> Heads { get; }

    /// <summary>The input standardisation (buffers <c>input_norm.mean</c>, <c>input_norm.std</c>).</summary>
    public InputNormalization InputNorm => _inputNorm;

    /// <summary>The attentive pooling layer (null for the chunk-level encoder).</summary>
    public AttentivePooling? Pooling => _pooling;

    /// <summary>The front end (its <see cref="ConvFrontEnd.OutputLengths"/> gives the frame counts the encoder sees; null for the chunk-level encoder).</summary>
    public ConvFrontEnd? FrontEnd => _frontend;

    /// <summary>The chunk encoder (<see cref="LstmChunkEncoder"/> or <see cref="CnnChunkEncoder"/>; null for the transformer).</summary>
    public nn.Module<Tensor, Tensor>? ChunkEncoder => _chunkEncoder;

    /// <summary>The chunk aggregation (<see cref="MeanChunkAggregation"/>, <see cref="GatedAttentionAggregation"/> or <see cref="SelfAttentionAggregation"/>; null for the transformer).</summary>
    public nn.Module<Tensor, Tensor>? Aggregation => _aggregation;

    /// <summary>
    /// Encoder outputs and their boolean mask for raw features [B, T, F] (padding anywhere after each sequence's
    /// length) and lengths [B] (int64, at least 1): for the transformer the frame-level outputs [B, T', D] and mask
    /// [B, T']; for the chunk-level encoder the chunk vectors [B, C, D] (<see cref="DynamicChunking"/> of each
    /// utterance's real frames) and an all-true mask [B, C].
    /// </summary>
    public (Tensor Frames, Tensor Mask) Encode(Tensor features, Tensor lengths)
    {
        if (features.dim() != 3 || features.shape[2] != Config.InputDim)
            throw new ArgumentException($"features must be [batch, frames, {Config.InputDim}] (got [{string.Join(", ", features.shape)}])");
        if (_chunkEncoder is not null) return EncodeChunks(features, lengths);
        var x = _frontend!.call(_inputNorm.call(features), lengths);
        var outLengths = _frontend.OutputLengths(lengths);
        long frames = x.shape[1];
        x = x.add(_positions is null ? SinusoidalPositions.Table(frames, Config.Width, x.device) : _positions.call(frames));
        if (_encoder!.training && Config.Dropout > 0) x = Dropout.Apply(x, Config.Dropout);
        var mask = SequenceMasks.FromLengths(outLengths, frames);
        return (_encoder.call(x, mask), mask);
    }

    private (Tensor Chunks, Tensor Mask) EncodeChunks(Tensor features, Tensor lengths)
    {
        long batch = features.shape[0];
        int chunks = Config.Chunk.Chunks;
        var x = _chunkEncoder!.call(_inputNorm.call(DynamicChunking.Apply(features, lengths, Config.Chunk.Frames, chunks)))
            .view(batch, chunks, Config.Width);
        if (_chunkEncoder.training && Config.Dropout > 0) x = Dropout.Apply(x, Config.Dropout);
        return (x, ones(new[] { batch, (long)chunks }, ScalarType.Bool, features.device));
    }

    /// <summary>Utterance embeddings [B, D] for raw features [B, T, F] and lengths [B] (int64).</summary>
    public override Tensor forward(Tensor features, Tensor lengths)
    {
        var (frames, mask) = Encode(features, lengths);
        return _aggregation is not null ? _aggregation.call(frames) : _pooling!.call(frames, mask);
    }

    /// <summary>Logits [B, classes] of head <paramref name="head"/> for embeddings [B, D].</summary>
    public Tensor Logits(string head, Tensor embedding) => _heads.Logits(head, embedding);

    /// <summary>True when the model has a head named <paramref name="head"/>.</summary>
    public bool HasHead(string head) => _heads.Contains(head);

    /// <summary>The classes of head <paramref name="head"/>.</summary>
    public HeadSpec Head(string head) =>
        Heads.FirstOrDefault(h => h.Name == head) ?? throw new ArgumentException($"the model has no head '{head}' (heads: {string.Join(", ", Heads.Select(h => h.Name))})");

    /// <summary>Switches dropout on (training) or off for the encoder only, leaving the heads' mode alone.</summary>
    public void SetEncoderTraining(bool on)
    {
        foreach (var m in new nn.Module?[] { _inputNorm, _frontend, _positions, _encoder, _pooling, _chunkEncoder, _aggregation }) m?.train(on);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
