using System.CommandLine;
using SerKit.Cli.Progress;
using SerKit.Modeling;
using SerKit.Orofacial;
using SerKit.Runtime;
using SerKit.Training;

namespace SerKit.Cli.Commands;

/// <summary>The optimisation, network and feature options of <c>serkit orofacial-train</c> and <c>serkit orofacial-variants</c>.</summary>
internal sealed class OrofacialCommandOptions
{
    private static readonly OrofacialTrainingRequest Defaults = new("");
    private static readonly OrofacialConfig Network0 = new();
    private readonly Option<int> _epochs = new("--epochs") { Description = "Training epochs (at most, with early stopping).", DefaultValueFactory = _ => Defaults.Options.Epochs };
    private readonly Option<int> _batch = new("--batch") { Description = "Utterances per batch.", DefaultValueFactory = _ => Defaults.Options.BatchSize };
    private readonly Option<double> _lr = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => Defaults.Options.LearningRate };
    private readonly Option<int> _patience = new("--patience") { Description = "Stop after this many epochs without a lower validation RMSE (0 = never).", DefaultValueFactory = _ => Defaults.Options.Patience };
    private readonly Option<double> _clip = new("--grad-clip") { Description = "Clip the global gradient norm to this value (0 = off).", DefaultValueFactory = _ => 0 };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the initial weights, data order, crops, dropout and mouth-shape clusters.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _threads = new("--threads") { Description = "libtorch threads (fixed so that results do not depend on scheduling).", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _workers = new("--workers", "-j") { Description = "Threads that read face tracks and compute features (does not change the result).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue from MODEL/checkpoint after an interruption; the result equals an uninterrupted run's." };
    private readonly Option<int> _maxFrames = new("--max-frames") { Description = "Training crop in feature frames (longer utterances contribute a random window).", DefaultValueFactory = _ => Defaults.Options.Windows.WindowFrames };
    private readonly Option<string?> _features = new("--features") { Description = "index.csv of a 'serkit extract' output to read log-mel features from (default: computed from the audio).", HelpName = "INDEX" };
    private readonly Option<int> _mels = new("--mels") { Description = "Mel bands of the log-mel input.", DefaultValueFactory = _ => 64 };
    private readonly Option<int> _channels = new("--conv-channels") { Description = "Channels of the convolutional front end.", DefaultValueFactory = _ => Network0.ConvChannels };
    private readonly Option<int> _hidden = new("--lstm-hidden") { Description = "Hidden units per direction of the BiLSTM.", DefaultValueFactory = _ => Network0.LstmHidden };
    private readonly Option<int> _layers = new("--lstm-layers") { Description = "BiLSTM layers.", DefaultValueFactory = _ => Network0.LstmLayers };
    private readonly Option<double> _dropout = new("--dropout") { Description = "Dropout after the front end and the BiLSTM.", DefaultValueFactory = _ => Network0.Dropout };

    /// <summary>Adds the options to <paramref name="command"/>; <c>--resume</c> only with <paramref name="resume"/> (a command that always resumes has none).</summary>
    public void AddTo(Command command, bool resume = true)
    {
        foreach (var o in new Option[] { _epochs, _batch, _lr, _patience, _clip, _seed, _threads, _workers, _resume, _maxFrames, _features, _mels, _channels, _hidden, _layers, _dropout })
            if (resume || o != _resume) command.Options.Add(o);
    }

    public bool Resume(ParseResult p) => p.GetValue(_resume);

    public int Workers(ParseResult p) => Math.Max(1, p.GetValue(_workers));

    public TrainingOptions Training(ParseResult p) => Defaults.Options with
    {
        Epochs = p.GetValue(_epochs), BatchSize = p.GetValue(_batch), LearningRate = p.GetValue(_lr), Patience = p.GetValue(_patience),
        GradientClip = p.GetValue(_clip), Seed = p.GetValue(_seed), Threads = p.GetValue(_threads),
        Windows = new ScoringWindows { WindowFrames = p.GetValue(_maxFrames), HopFrames = Math.Max(1, p.GetValue(_maxFrames) / 2) },
    };

    public OrofacialConfig Network(ParseResult p) => new()
    {
        ConvChannels = p.GetValue(_channels), LstmHidden = p.GetValue(_hidden), LstmLayers = p.GetValue(_layers), Dropout = p.GetValue(_dropout),
    };

    public FeatureInput Features(ParseResult p) => new()
    {
        Settings = new ModelFeatures { Mels = p.GetValue(_mels) },
        ExtractedIndex = p.GetValue(_features) is { } f ? Path.GetFullPath(f) : null,
    };

    /// <summary>
    /// Shows training progress: one plain line per epoch when not on a terminal. <paramref name="show"/> turns a report into its line
    /// (default: the report's fraction and status).
    /// </summary>
    public static T WithProgress<T>(string title, Func<IProgress<TrainingProgress>, T> work, Func<TrainingProgress, ProgressLine>? show = null) =>
        ConsoleProgress.Run(title, line => work(new SynchronousProgress<TrainingProgress>(p => line.Report(show?.Invoke(p) ?? new ProgressLine(p.Fraction, p.Status)))));
}
