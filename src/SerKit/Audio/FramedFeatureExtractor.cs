using SerKit.IO;
using SerKit.Media;

namespace SerKit.Audio;

/// <summary>
/// Shared driver of the extractors: frames the signal with <see cref="CentredFramer"/> and hands each
/// block to a kernel created per call, so instances are thread-safe and memory is bounded.
/// </summary>
internal abstract class FramedFeatureExtractor : IFeatureExtractor
{
    private const int ReadChunk = 1 << 14;

    protected FramedFeatureExtractor(FeatureOptions options)
    {
        options.Validate();
        Options = options;
    }

    public FeatureOptions Options { get; }

    public abstract int Dimension { get; }

    public abstract IReadOnlyList<string> ColumnNames { get; }

    /// <summary>A fresh kernel with its own scratch memory (one per call).</summary>
    protected abstract IFrameKernel CreateKernel();

    public long Run(IAudioStream audio, IFrameSink sink, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(sink);
        if (audio.SampleRate != Options.SampleRate)
            throw new MediaException(audio.Path, $"sample rate is {audio.SampleRate} Hz but the features are defined at {Options.SampleRate} Hz (decode with resampling)");
        using var kernel = CreateKernel();
        var rows = new float[Options.BlockFrames * Dimension];
        var framer = new CentredFramer(Options.FrameLength, Options.Hop, Options.BlockFrames, audio.Path, Options.SampleRate,
            (segment, frames) =>
            {
                cancellation.ThrowIfCancellationRequested();
                var block = rows.AsSpan(0, frames * Dimension);
                kernel.Process(segment, frames, block);
                sink.WriteRows(block);
            });
        var chunk = new float[ReadChunk];
        int n;
        while ((n = audio.Read(chunk)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            framer.Push(chunk.AsSpan(0, n));
        }
        return framer.Complete();
    }

    public float[] Compute(ReadOnlySpan<float> samples, out int frames)
    {
        const string source = "(samples in memory)";
        if (samples.Length < Options.MinimumSamples)
        {
            // Let the framer word the error.
            new CentredFramer(Options.FrameLength, Options.Hop, 1, source, Options.SampleRate, (_, _) => { }).Complete();
        }
        long count = Options.FrameCount(samples.Length);
        var result = new float[checked(count * Dimension)];
        int written = 0;
        using var kernel = CreateKernel();
        var framer = new CentredFramer(Options.FrameLength, Options.Hop, Options.BlockFrames, source, Options.SampleRate,
            (segment, blockFrames) =>
            {
                int values = blockFrames * Dimension;
                kernel.Process(segment, blockFrames, result.AsSpan(written, values));
                written += values;
            });
        framer.Push(samples);
        frames = checked((int)framer.Complete());
        return result;
    }
}
