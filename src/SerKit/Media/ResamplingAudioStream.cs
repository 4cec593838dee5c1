namespace SerKit.Media;

/// <summary>Wraps a mono <see cref="IAudioStream"/> and converts it to another rate with a streaming <see cref="Resampler"/>.</summary>
internal sealed class ResamplingAudioStream : IAudioStream
{
    private const int ChunkSamples = 4096;

    private readonly IAudioStream _source;
    private readonly Resampler _resampler;
    private readonly float[] _input = new float[ChunkSamples];

    /// <summary>Reads <paramref name="source"/> and resamples it to <paramref name="sampleRate"/> Hz; disposing this disposes the source.</summary>
    public ResamplingAudioStream(IAudioStream source, int sampleRate)
    {
        _source = source;
        _resampler = new Resampler(source.SampleRate, sampleRate);
    }

    /// <inheritdoc/>
    public string Path => _source.Path;

    /// <inheritdoc/>
    public int SampleRate => _resampler.OutputRate;

    /// <summary>The stream being resampled.</summary>
    public IAudioStream Source => _source;

    /// <summary>The converter in use.</summary>
    public Resampler Resampler => _resampler;

    /// <inheritdoc/>
    public int Read(Span<float> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            int n = _resampler.Pull(buffer);
            if (n > 0 || _resampler.IsFinished) return n;
            int got = _source.Read(_input);
            if (got == 0) _resampler.Complete();
            else _resampler.Push(_input.AsSpan(0, got));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();
}
