namespace SerKit.Media;

/// <summary>
/// Decoded audio read in pieces: mono float32 samples in [-1, 1] at <see cref="SampleRate"/>.
/// Reading in pieces keeps memory flat in the length of the file.
/// </summary>
public interface IAudioStream : IDisposable
{
    /// <summary>The file being read (for messages).</summary>
    string Path { get; }

    /// <summary>Samples per second of what <see cref="Read"/> returns.</summary>
    int SampleRate { get; }

    /// <summary>Fills up to <c>buffer.Length</c> samples; returns 0 at the end of the stream.
    /// Throws <see cref="MediaException"/> naming the file when the data is corrupt.</summary>
    int Read(Span<float> buffer);
}
