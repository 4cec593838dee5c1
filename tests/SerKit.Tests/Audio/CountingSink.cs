using SerKit.IO;

namespace SerKit.Tests.Audio;

/// <summary>Counts values and keeps a running checksum without storing rows (for long streams).</summary>
internal sealed class CountingSink : IFrameSink
{
    public long Values { get; private set; }

    public double Sum { get; private set; }

    public bool AllFinite { get; private set; } = true;

    public void WriteRows(ReadOnlySpan<float> rows)
    {
        Values += rows.Length;
        foreach (var v in rows)
        {
            Sum += v;
            if (!float.IsFinite(v)) AllFinite = false;
        }
    }
}
