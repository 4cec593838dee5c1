namespace SerKit.Evaluation;

/// <summary>
/// Per-epoch mean and sample standard deviation of the columns of several training logs (one per fold and seed),
/// over the logs that have a value at that epoch: runs stopped early by patience end sooner, so later epochs
/// average fewer runs (<see cref="Count"/> says how many).
/// </summary>
public sealed class TrainLogAverage
{
    private readonly Dictionary<string, double[]> _mean;
    private readonly Dictionary<string, double[]> _std;
    private readonly Dictionary<string, int[]> _count;

    private TrainLogAverage(int logs, int[] epochs, string[] columns,
        Dictionary<string, double[]> mean, Dictionary<string, double[]> std, Dictionary<string, int[]> count)
    {
        Logs = logs;
        Epochs = epochs;
        Columns = columns;
        _mean = mean;
        _std = std;
        _count = count;
    }

    /// <summary>Number of logs averaged.</summary>
    public int Logs { get; }

    /// <summary>Every epoch that occurs in a log, ascending.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>Every column of the logs (without <c>epoch</c>), in order of first appearance.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Mean of <paramref name="column"/> per epoch over the logs with a finite value there (NaN where none has one).</summary>
    public IReadOnlyList<double> Mean(string column) => Get(_mean, column);

    /// <summary>Sample standard deviation (n − 1) of <paramref name="column"/> per epoch (NaN where fewer than two logs have a value).</summary>
    public IReadOnlyList<double> Std(string column) => Get(_std, column);

    /// <summary>Number of logs with a finite value of <paramref name="column"/> per epoch.</summary>
    public IReadOnlyList<int> Count(string column) => Get(_count, column);

    /// <summary>Averages <paramref name="logs"/> epoch by epoch.</summary>
    /// <exception cref="ArgumentException">No logs, or a log that repeats an epoch.</exception>
    public static TrainLogAverage Of(IReadOnlyList<TrainLog> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0) throw new ArgumentException("no training logs to average", nameof(logs));
        foreach (var log in logs)
            if (log.Epochs.Distinct().Count() != log.Epochs.Count)
                throw new ArgumentException("a training log lists an epoch twice", nameof(logs));
        var epochs = logs.SelectMany(l => l.Epochs).Distinct().Order().ToArray();
        var columns = logs.SelectMany(l => l.Columns).Distinct(StringComparer.Ordinal).ToArray();
        var index = epochs.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i);
        var mean = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var std = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var count = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var values = epochs.Select(_ => new List<double>()).ToArray();
            foreach (var log in logs)
            {
                if (!log.Series.TryGetValue(column, out var series)) continue;
                for (int r = 0; r < log.Epochs.Count; r++)
                    if (double.IsFinite(series[r])) values[index[log.Epochs[r]]].Add(series[r]);
            }
            mean[column] = values.Select(v => v.Count == 0 ? double.NaN : v.Average()).ToArray();
            std[column] = values.Select(v => v.Count < 2 ? double.NaN : MeanStd.Of(v).Std).ToArray();
            count[column] = values.Select(v => v.Count).ToArray();
        }
        return new TrainLogAverage(logs.Count, epochs, columns, mean, std, count);
    }

    private static IReadOnlyList<T> Get<T>(Dictionary<string, T[]> d, string column) =>
        d.TryGetValue(column, out var v) ? v
        : throw new ArgumentException($"no column '{column}' in the training logs (columns: {string.Join(", ", d.Keys)})", nameof(column));
}
