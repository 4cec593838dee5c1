using SerKit.IO;
using SerKit.Media;

namespace SerKit.Audio;

/// <summary>
/// Computes one kind of frame-level feature on the centred frame grid of <see cref="Options"/>.
/// Instances are immutable after creation: one instance may be used from several threads at
/// once (each call keeps its own working memory and libtorch dispose scope).
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>The options the extractor was created with (validated).</summary>
    FeatureOptions Options { get; }

    /// <summary>Values per frame.</summary>
    int Dimension { get; }

    /// <summary>One name per column, e.g. <c>logmel_0</c>…, <c>mfcc_0</c>…, <c>energy_db</c>, <c>f0_hz</c>, <c>voicing</c>.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>
    /// Streams <paramref name="audio"/> through the extractor in blocks, writing row-major
    /// [frames, <see cref="Dimension"/>] rows to <paramref name="sink"/>; memory stays bounded
    /// whatever the length. Returns the frame count (<c>1 + N/Hop</c>). Throws
    /// <see cref="MediaException"/> naming the file when its sample rate differs from the options'
    /// or it is shorter than <see cref="FeatureOptions.MinimumSamples"/>.
    /// </summary>
    long Run(IAudioStream audio, IFrameSink sink, CancellationToken cancellation = default);

    /// <summary>Computes the features of a whole signal held in memory: row-major [frames, <see cref="Dimension"/>].</summary>
    float[] Compute(ReadOnlySpan<float> samples, out int frames);
}
