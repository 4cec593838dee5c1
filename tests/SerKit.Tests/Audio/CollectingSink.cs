using SerKit.IO;

namespace SerKit.Tests.Audio;

/// <summary>Keeps every row written to it.</summary>
internal sealed class CollectingSink : IFrameSink
{
    private readonly List<float> _values = new();

    public int Blocks { get; private set; }

    public float[] Values => _values.ToArray();

    public void WriteRows(ReadOnlySpan<float> rows)
    {
        Blocks++;
        foreach (var v in rows) _values.Add(v);
    }
}
