using System.Diagnostics;
using SerKit.Corpus;
using SerKit.Modeling;
using SerKit.Runtime;
using static TorchSharp.torch;

namespace SerKit.Training;

/// <summary>
/// The epoch loop the trainers share: resumption from a checkpoint (weights, Adam state, early stopping, log), the epochs still to
/// run (ending early per <see cref="EarlyStopping"/>), each epoch's randomness derived from (seed, epoch) (libtorch's generator,
/// the dropout masks, the data order and crops; <see cref="SeedSequence"/>), progress reports and the state an
/// <see cref="EpochCheckpoint{TRecord}"/> saves. Each trainer keeps its own batches, loss, validation score and log rows.
/// </summary>
/// <typeparam name="TRecord">A row of the run's log.</typeparam>
internal sealed class ResumableRun<TRecord>
{
    private readonly string _stage;
    private readonly TrainingOptions _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly Stopwatch _epochClock = new(), _reportClock = new();

    /// <summary>
    /// A run of stage <paramref name="stage"/> training <paramref name="model"/> with <paramref name="adam"/>; with a
    /// <paramref name="checkpoint"/> (read from <paramref name="checkpointPath"/>) it continues where that one ended.
    /// </summary>
    public ResumableRun(string stage, TrainingOptions options, nn.Module model, AdamOptimizer adam, string fingerprint,
        EpochCheckpoint<TRecord>? checkpoint, string checkpointPath, IProgress<TrainingProgress>? progress)
    {
        _stage = stage;
        _options = options;
        _progress = progress;
        Model = model;
        Adam = adam;
        Fingerprint = fingerprint;
        Stopping = new EarlyStopping(options.Patience);
        if (checkpoint == null) return;
        ModelWeights.Import(model, checkpoint.Weights, strict: true, checkpointPath);
        adam.ImportState(checkpoint.AdamMoments, checkpoint.AdamSteps, checkpointPath);
        Stopping.Resume(checkpoint.BestEpoch, checkpoint.EpochsWithoutImprovement, checkpoint.BestWeights);
        Log.AddRange(checkpoint.Log);
        ResumedAfter = checkpoint.EpochsDone;
    }

    /// <summary>The model trained.</summary>
    public nn.Module Model { get; }

    /// <summary>The optimiser whose state the checkpoints save.</summary>
    public AdamOptimizer Adam { get; }

    /// <summary>Hash of the settings and data (stored in the checkpoints).</summary>
    public string Fingerprint { get; }

    /// <summary>The best epoch so far and the early-stopping state.</summary>
    public EarlyStopping Stopping { get; }

    /// <summary>The log: one row per finished epoch.</summary>
    public List<TRecord> Log { get; } = [];

    /// <summary>Epochs the checkpoint had done (0 for a new run).</summary>
    public int ResumedAfter { get; }

    /// <summary>The epoch (1-based) whose weights the run ends with: the best validated one, else the last.</summary>
    public int KeptEpoch => Stopping.BestEpoch ?? Log.Count;

    /// <summary>Seconds since the current epoch began.</summary>
    public double EpochSeconds => _epochClock.Elapsed.TotalSeconds;

    /// <summary>The (0-based) epochs still to run: up to <see cref="TrainingOptions.Epochs"/> unless early stopping ends the run first.</summary>
    public IEnumerable<int> Epochs(CancellationToken cancellation)
    {
        for (int epoch = ResumedAfter; epoch < _options.Epochs && !Stopping.Stopped; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            _epochClock.Restart();
            yield return epoch;
        }
    }

    /// <summary>
    /// Seeds epoch <paramref name="epoch"/>'s randomness (libtorch's generator, <paramref name="dropout"/>) and returns its data
    /// generator (crops) and the shuffled order of <paramref name="count"/> training items. Call after switching to training mode.
    /// </summary>
    public (SplitMix64 Rng, int[] Order) BeginEpoch(int epoch, DropoutGenerator dropout, int count)
    {
        TorchRuntime.Seed(SeedSequence.Derive(_options.Seed, SeedSequence.Stream.Torch, epoch));
        dropout.Reseed(SeedSequence.Derive(_options.Seed, SeedSequence.Stream.Dropout, epoch));
        dropout.Threads = _options.Threads;
        var rng = SeedSequence.DataGenerator(_options.Seed, epoch);
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        _reportClock.Restart();
        return (rng, order);
    }

    /// <summary>Reports the running loss after batch <paramref name="batch"/> (0-based) of <paramref name="batches"/>, at most every 10 s and not after the last.</summary>
    public void ReportBatch(int epoch, int batch, int batches, double loss)
    {
        if (_reportClock.Elapsed.TotalSeconds < 10 || batch + 1 >= batches) return;
        _reportClock.Restart();
        Report(epoch, (epoch + (batch + 1.0) / batches) / _options.Epochs,
            $"epoch {epoch + 1}/{_options.Epochs}, batch {batch + 1}/{batches}, loss {loss:0.0000}");
    }

    /// <summary>Reports that epoch <paramref name="epoch"/> (0-based) has finished.</summary>
    public void ReportEpoch(int epoch, string status, EpochRecord? finished = null) =>
        Report(epoch, (epoch + 1.0) / _options.Epochs, status, finished);

    /// <summary>Reports <paramref name="status"/> during epoch <paramref name="epoch"/> (0-based), the whole run <paramref name="fraction"/> done.</summary>
    public void Report(int epoch, double fraction, string status, EpochRecord? finished = null) =>
        _progress?.Report(new TrainingProgress(_stage, epoch + 1, _options.Epochs, fraction, status, finished));
}
