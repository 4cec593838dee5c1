using SerKit.IO;

namespace SerKit.Extraction;

/// <summary>Forwards frames to a sink and refuses NaN or infinite values, naming the frame.</summary>
internal sealed class FiniteCheckingSink(IFrameSink inner, int dims, string path) : IFrameSink
{
    private long _frames;

    public void WriteRows(ReadOnlySpan<float> rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (!float.IsFinite(rows[i]))
                throw new InvalidDataException($"{path}: features contain {(float.IsNaN(rows[i]) ? "NaN" : "Inf")} at frame {_frames + i / dims} (is the audio corrupt?)");
        }
        inner.WriteRows(rows);
        _frames += rows.Length / dims;
    }
}
