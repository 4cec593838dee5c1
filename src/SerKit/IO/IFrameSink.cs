namespace SerKit.IO;

/// <summary>Receives feature frames block by block, row-major [frames, dims].</summary>
public interface IFrameSink
{
    void WriteRows(ReadOnlySpan<float> rows);
}
