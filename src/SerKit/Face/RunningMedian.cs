namespace SerKit.Face;

/// <summary>
/// Median of the values added so far, or of the last <c>window</c> added when a window is set;
/// kept as a sorted list (insert and remove by binary search), exact for any window.
/// </summary>
internal sealed class RunningMedian
{
    private readonly List<double> _sorted = new();
    private readonly Queue<double> _order = new();
    private readonly int _window;

    /// <summary>A median over everything added (<paramref name="window"/> 0) or over the last <paramref name="window"/> values.</summary>
    public RunningMedian(int window = 0) => _window = window;

    public int Count => _sorted.Count;

    public void Add(double value)
    {
        Insert(value);
        if (_window <= 0) return;
        _order.Enqueue(value);
        if (_order.Count > _window) Remove(_order.Dequeue());
    }

    /// <summary>Inserts without window bookkeeping (for callers that manage the window themselves).</summary>
    public void Insert(double value)
    {
        int i = _sorted.BinarySearch(value);
        _sorted.Insert(i < 0 ? ~i : i, value);
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>, which must have been inserted.</summary>
    public void Remove(double value)
    {
        int i = _sorted.BinarySearch(value);
        if (i < 0) throw new InvalidOperationException("value not in the running median");
        _sorted.RemoveAt(i);
    }

    public void Clear()
    {
        _sorted.Clear();
        _order.Clear();
    }

    /// <summary>The median (mean of the two middle values for an even count); NaN when empty.</summary>
    public double Median
    {
        get
        {
            int n = _sorted.Count;
            if (n == 0) return double.NaN;
            return n % 2 == 1 ? _sorted[n / 2] : 0.5 * (_sorted[n / 2 - 1] + _sorted[n / 2]);
        }
    }
}
