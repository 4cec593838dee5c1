using SerKit.Modeling;
using SerKit.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SerKit.Orofacial;

/// <summary>
/// The speech-driven orofacial network (after Sadoughi &amp; Busso): input standardisation (<c>input_norm</c>) → convolutional front
/// end of two stride-1 Conv1d layers with GELU (<c>frontend</c>, padding zeroed, so the frame rate stays 10 ms) → dropout →
/// bidirectional LSTM over each utterance's real frames only (<c>lstm</c>, packed sequences) → dropout → frame states [B, T, 2H].
/// Heads: <c>landmarks</c> Linear(2H → 74) per frame, in standardised units (de-standardised with the training targets' mean and
/// std, buffers <c>target_mean</c>, <c>target_std</c>); optional <c>viseme</c> Linear(2H → V) per frame; optional <c>emotion</c>
/// Linear(2H → E) on the mean of the frame states over the real frames. A padded batch gives every utterance the outputs it gets
/// alone. Build it under <see cref="TorchRuntime.Seeded{T}"/> for reproducible initial weights.
/// </summary>
public sealed class OrofacialModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly InputNormalization _inputNorm;
    private readonly ConvFrontEnd _frontend;
    private readonly LSTM _lstm;
    private readonly Linear _landmarks;
    private readonly Linear? _viseme;
    private readonly Linear? _emotion;
    private readonly Tensor _targetMean;
    private readonly Tensor _targetStd;

    /// <summary>A freshly initialised network for <paramref name="config"/> (libtorch's generator supplies the weights).</summary>
    public OrofacialModel(OrofacialConfig config) : base(nameof(OrofacialModel))
    {
        config.Validate();
        Config = config;
        Dropout = new DropoutGenerator();
        int states = 2 * config.LstmHidden;
        lock (TorchRuntime.RandomGate)
        {
            _inputNorm = new InputNormalization(config.InputDim);
            _frontend = new ConvFrontEnd(new EncoderConfig
            {
                InputDim = config.InputDim, Width = config.ConvChannels, ConvKernel = config.ConvKernel, ConvStrides = [1, 1], Activation = "gelu",
            });
            _lstm = nn.LSTM(config.ConvChannels, config.LstmHidden, config.LstmLayers, batchFirst: true, bidirectional: true);
            _landmarks = nn.Linear(states, OrofacialPoints.Outputs);
            _viseme = config.VisemeClasses is { } v ? nn.Linear(states, v.Count) : null;
            _emotion = config.EmotionClasses is { } e ? nn.Linear(states, e.Count) : null;
        }
        _targetMean = tensor(config.TargetMean);
        _targetStd = tensor(config.TargetStd);
        register_module("input_norm", _inputNorm);
        register_module("frontend", _frontend);
        register_module("lstm", _lstm);
        register_module("landmarks", _landmarks);
        if (_viseme is not null) register_module("viseme", _viseme);
        if (_emotion is not null) register_module("emotion", _emotion);
        register_buffer("target_mean", _targetMean);
        register_buffer("target_std", _targetStd);
    }

    /// <summary>The sizes and tasks the network was built with.</summary>
    public OrofacialConfig Config { get; }

    /// <summary>The generator of the dropout masks (reseed it per epoch for reproducible training).</summary>
    public DropoutGenerator Dropout { get; }

    /// <summary>The input standardisation.</summary>
    public InputNormalization InputNorm => _inputNorm;

    /// <summary>True when the model has the emotion head.</summary>
    public bool HasEmotion => _emotion is not null;

    /// <summary>True when the model has the viseme head.</summary>
    public bool HasViseme => _viseme is not null;

    /// <summary>Frame states [B, T, 2H] for raw features [B, T, F] (padding after each sequence's length) and lengths [B] (int64, at least 1).</summary>
    public override Tensor forward(Tensor features, Tensor lengths)
    {
        if (features.dim() != 3 || features.shape[2] != Config.InputDim)
            throw new ArgumentException($"features must be [batch, frames, {Config.InputDim}] (got [{string.Join(", ", features.shape)}])");
        long frames = features.shape[1];
        var x = _frontend.call(_inputNorm.call(features), lengths);
        if (training && Config.Dropout > 0) x = Dropout.Apply(x, Config.Dropout);
        var packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first: true, enforce_sorted: false);
        var (output, hidden, cell) = _lstm.call(packed, null);
        hidden.Dispose();
        cell.Dispose();
        var (states, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: frames);
        if (training && Config.Dropout > 0) states = Dropout.Apply(states, Config.Dropout);
        return states;
    }

    /// <summary>Standardised landmark outputs [B, T, 74] of frame states [B, T, 2H].</summary>
    public Tensor StandardisedLandmarks(Tensor states) => _landmarks.call(states);

    /// <summary>Landmarks [B, T, 74] in the target reference's normalised units.</summary>
    public Tensor Landmarks(Tensor states) => StandardisedLandmarks(states).mul(_targetStd).add(_targetMean);

    /// <summary>Standardises targets [.., 74] with the training targets' statistics.</summary>
    public Tensor Standardise(Tensor targets) => targets.sub(_targetMean).div(_targetStd);

    /// <summary>Frame-level viseme logits [B, T, V].</summary>
    public Tensor VisemeLogits(Tensor states) => (_viseme ?? throw new InvalidOperationException("the model has no viseme head")).call(states);

    /// <summary>Utterance-level emotion logits [B, E]: the head on the mean of the frame states over each utterance's real frames.</summary>
    public Tensor EmotionLogits(Tensor states, Tensor lengths)
    {
        if (_emotion is null) throw new InvalidOperationException("the model has no emotion head");
        var mask = SequenceMasks.FromLengths(lengths, states.shape[1]).unsqueeze(2).to(states.dtype);
        var pooled = states.mul(mask).sum(1).div(lengths.to(states.dtype).unsqueeze(1));
        return _emotion.call(pooled);
    }

    /// <summary>Children are registered explicitly under their PyTorch names; TorchSharp's field-name registration is turned off.</summary>
    protected override void RegisterComponents() { }
}
