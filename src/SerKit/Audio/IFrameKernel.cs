namespace SerKit.Audio;

/// <summary>The per-call working state of an extractor: turns a block of frames into feature rows.</summary>
internal interface IFrameKernel : IDisposable
{
    /// <summary>
    /// Computes <paramref name="frames"/> rows into <paramref name="output"/> (row-major, exactly
    /// <c>frames · dimension</c> values) from a padded segment laid out as <see cref="FrameBlockHandler"/> describes.
    /// </summary>
    void Process(ReadOnlySpan<float> segment, int frames, Span<float> output);
}
