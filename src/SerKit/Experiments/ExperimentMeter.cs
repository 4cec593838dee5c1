namespace SerKit.Experiments;

/// <summary>
/// Turns per-stage progress into progress of the whole experiment: each stage that runs gets a share of the bar
/// by its rough cost, and reports are serialised (stages report from worker threads and timers).
/// </summary>
internal sealed class ExperimentMeter
{
    private readonly IProgress<ExperimentProgress>? _progress;
    private readonly Dictionary<string, (double Start, double Share)> _stages = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private double _last;

    /// <summary>Stages in order with their relative costs; stages with cost 0 are skipped.</summary>
    public ExperimentMeter(IProgress<ExperimentProgress>? progress, IReadOnlyList<(string Stage, double Cost)> stages)
    {
        _progress = progress;
        double total = stages.Sum(s => s.Cost), start = 0;
        foreach (var (stage, cost) in stages)
        {
            double share = total > 0 ? cost / total : 0;
            _stages[stage] = (start, share);
            start += share;
        }
    }

    /// <summary>Reports that <paramref name="stage"/> is <paramref name="fraction"/> (0–1) done. The overall fraction never goes back.</summary>
    public void Report(string stage, double fraction, string status)
    {
        if (_progress is null) return;
        var (start, share) = _stages.TryGetValue(stage, out var s) ? s : (_last, 0);
        lock (_gate)
        {
            _last = Math.Max(_last, Math.Clamp(start + share * Math.Clamp(fraction, 0, 1), 0, 1));
            _progress.Report(new ExperimentProgress(stage, _last, status));
        }
    }

    /// <summary>Reports the end of the run (fraction 1).</summary>
    public void Done(string status)
    {
        if (_progress is null) return;
        lock (_gate)
        {
            _last = 1;
            _progress.Report(new ExperimentProgress("done", 1, status));
        }
    }
}
