namespace SerKit.Runtime;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the reporting thread, serialised by a lock
/// (<see cref="Progress{T}"/> would post to the thread pool and could print out of order).
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
