using SerKit.Runtime;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SerKit.Cli.Progress;
using SerKit.Modeling;
using SerKit.Pretext;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary>The options <c>serkit pretrain</c> and <c>serkit finetune</c> share: optimisation, encoder sizes, windows, features.</summary>
internal sealed class TrainingCommandOptions
{
    private readonly Option<int> _epochs;
    private readonly Option<int> _batch = new("--batch") { Description = "Utterances per batch.", DefaultValueFactory = _ => 32 };
    private readonly Option<double> _lr = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 0.725e-3 };
    private readonly Option<double> _weightDecay = new("--weight-decay") { Description = "L2 weight decay (as torch.optim.Adam).", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _clip = new("--grad-clip") { Description = "Clip the global gradient norm to this value (0 = off).", DefaultValueFactory = _ => 0 };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the initial weights, data order, crops and dropout.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _threads = new("--threads") { Description = "libtorch threads; fixed so that results do not depend on scheduling (recorded in config.json).", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from MODEL/checkpoint after an interruption (kill -9 included); the result equals an uninterrupted run's. Starts fresh when there is no checkpoint." };
    private readonly Option<string?> _encoderConfig = new("--encoder-config") { Description = "JSON file with encoder sizes (keys as config.json's \"encoder\"); flags below override it.", HelpName = "FILE" };
    private readonly Option<int?> _layers = new("--layers") { Description = "Transformer layers (default 4)." };
    private readonly Option<int?> _width = new("--width") { Description = "Model width / d_model (default 128)." };
    private readonly Option<int?> _heads = new("--heads") { Description = "Attention heads (default 4)." };
    private readonly Option<int?> _feedForward = new("--feed-forward") { Description = "Feed-forward size (default 256)." };
    private readonly Option<double?> _dropout = new("--dropout") { Description = "Transformer dropout (default 0.1)." };
    private readonly Option<string?> _encoderKind = new("--encoder-kind") { Description = "Encoder: transformer (default) or chunk (chunk-level model: dynamic chunking, chunk encoder, aggregation; see docs/model.md).", HelpName = "KIND" };
    private readonly Option<string?> _chunkEncoder = new("--chunk-encoder") { Description = "Chunk encoder of --encoder-kind chunk: lstm (default) or cnn.", HelpName = "ENCODER" };
    private readonly Option<string?> _aggregation = new("--aggregation") { Description = "Chunk aggregation of --encoder-kind chunk: mean, gated_attention (default) or self_attention.", HelpName = "AGGREGATION" };
    private readonly Option<int?> _chunkFrames = new("--chunk-frames") { Description = "Frames per chunk of --encoder-kind chunk (default 100 = 1 s)." };
    private readonly Option<int?> _chunks = new("--chunks") { Description = "Chunks per utterance of --encoder-kind chunk (default 0 = ceil(longest training utterance / chunk frames), recorded in config.json)." };
    private readonly Option<int?> _lstmLayers = new("--lstm-layers") { Description = "LSTM layers of --chunk-encoder lstm (default 1)." };
    private readonly Option<int> _maxFrames = new("--max-frames") { Description = "Training crop and scoring window in frames (301 = 3 s).", DefaultValueFactory = _ => 301 };
    private readonly Option<int> _hopFrames = new("--hop-frames") { Description = "Hop between scoring windows of long utterances (150 = 1.5 s).", DefaultValueFactory = _ => 150 };
    private readonly Option<string?> _features = new("--features") { Description = "index.csv of a 'serkit extract' output to read log-mel features from (default: computed from the audio and cached in memory).", HelpName = "INDEX" };
    private readonly Option<int> _mels = new("--mels") { Description = "Mel bands of the log-mel input.", DefaultValueFactory = _ => 64 };

    public TrainingCommandOptions(int defaultEpochs)
    {
        _epochs = new Option<int>("--epochs") { Description = "Training epochs (at most, with early stopping).", DefaultValueFactory = _ => defaultEpochs };
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool withEncoderSizes = true)
    {
        var options = new List<Option> { _epochs, _batch, _lr, _weightDecay, _clip, _seed, _threads, _resume, _maxFrames, _hopFrames, _features, _mels };
        if (withEncoderSizes)
            options.AddRange([_encoderConfig, _layers, _width, _heads, _feedForward, _dropout, _encoderKind, _chunkEncoder, _aggregation, _chunkFrames, _chunks, _lstmLayers]);
        foreach (var o in options) command.Options.Add(o);
    }

    public bool Resume(ParseResult p) => p.GetValue(_resume);

    public TrainingOptions Training(ParseResult p) => new()
    {
        Epochs = p.GetValue(_epochs), BatchSize = p.GetValue(_batch), LearningRate = p.GetValue(_lr), WeightDecay = p.GetValue(_weightDecay),
        GradientClip = p.GetValue(_clip), Seed = p.GetValue(_seed), Threads = p.GetValue(_threads),
        Windows = new ScoringWindows { WindowFrames = p.GetValue(_maxFrames), HopFrames = p.GetValue(_hopFrames) },
    };

    public FeatureInput Features(ParseResult p) => new()
    {
        Settings = new ModelFeatures { Mels = p.GetValue(_mels) },
        ExtractedIndex = p.GetValue(_features) is { } f ? Path.GetFullPath(f) : null,
    };

    /// <summary>True when any encoder size was given on the command line.</summary>
    public bool HasEncoderSizes(ParseResult p) =>
        p.GetValue(_encoderConfig) != null || p.GetValue(_layers) != null || p.GetValue(_width) != null || p.GetValue(_heads) != null
        || p.GetValue(_feedForward) != null || p.GetValue(_dropout) != null || p.GetValue(_encoderKind) != null || HasChunkSettings(p);

    private bool HasChunkSettings(ParseResult p) =>
        p.GetValue(_chunkEncoder) != null || p.GetValue(_aggregation) != null || p.GetValue(_chunkFrames) != null
        || p.GetValue(_chunks) != null || p.GetValue(_lstmLayers) != null;

    public EncoderConfig Encoder(ParseResult p)
    {
        var config = new EncoderConfig();
        if (p.GetValue(_encoderConfig) is { } file)
        {
            try { config = JsonSerializer.Deserialize<EncoderConfig>(File.ReadAllText(file), ModelJson.Options) ?? config; }
            catch (JsonException e) { throw new ArgumentException($"{file}: not an encoder config ({e.Message})"); }
        }
        if (p.GetValue(_layers) is { } layers) config = config with { Layers = layers };
        if (p.GetValue(_width) is { } width) config = config with { Width = width };
        if (p.GetValue(_heads) is { } heads) config = config with { Heads = heads };
        if (p.GetValue(_feedForward) is { } ff) config = config with { FeedForward = ff };
        if (p.GetValue(_dropout) is { } dropout) config = config with { Dropout = dropout };
        if (p.GetValue(_encoderKind) is { } kind) config = config with { Kind = kind };
        var chunk = config.Chunk ?? new ChunkSettings();
        if (p.GetValue(_chunkEncoder) is { } chunkEncoder) chunk = chunk with { Encoder = chunkEncoder };
        if (p.GetValue(_aggregation) is { } aggregation) chunk = chunk with { Aggregation = aggregation };
        if (p.GetValue(_chunkFrames) is { } chunkFrames) chunk = chunk with { Frames = chunkFrames };
        if (p.GetValue(_chunks) is { } chunks) chunk = chunk with { Chunks = chunks };
        if (p.GetValue(_lstmLayers) is { } lstmLayers) chunk = chunk with { LstmLayers = lstmLayers };
        config = config with { Chunk = chunk };
        if (!config.IsChunkLevel && HasChunkSettings(p))
            throw new ArgumentException("--chunk-encoder/--aggregation/--chunk-frames/--chunks/--lstm-layers configure the chunk-level encoder; add --encoder-kind chunk");
        config.Validate();
        return config;
    }

    /// <summary>Parses a comma-separated list of numbers (invariant culture).</summary>
    public static double[] Numbers(string text, string option) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"{option}: '{s}' is not a number"))
            .ToArray();

    /// <summary>Runs training under a progress display; bad input becomes a one-line message and exit code 1.</summary>
    public static int Run(ParseResult parse, string command, Func<TextWriter, int> body) => CommandErrors.Run(parse, command, body);

    /// <summary>Shows training progress: one plain line per epoch when not on a terminal.</summary>
    public static TrainingOutcome WithProgress(string title, Func<IProgress<TrainingProgress>, TrainingOutcome> work) =>
        ConsoleProgress.Run(title, line => work(new SynchronousProgress<TrainingProgress>(p =>
            line.Report(new ProgressLine(p.Fraction, p.Status)))));
}
