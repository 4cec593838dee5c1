using SerKit.Media;

namespace SerKit.Audio;

/// <summary>
/// Cuts a signal that arrives in pieces into centred frames, exactly as
/// <c>torch.stft(center=True, pad_mode='reflect')</c> does on the whole signal: the signal is
/// reflect-padded by <c>frameLength/2</c> samples at both ends (the edge sample is not repeated),
/// frame <c>t</c> starts at padded index <c>t·hop</c>, and N samples give <c>1 + N/hop</c> frames.
/// Frames are handed on in blocks of up to <c>blockFrames</c> as contiguous padded segments, so a
/// consumer can run e.g. <c>torch.stft(center=False)</c> on each block. Memory is bounded by
/// about <c>blockFrames·hop + frameLength</c> samples whatever the length of the signal.
/// One instance frames one signal; it is not thread-safe.
/// </summary>
public sealed class CentredFramer
{
    private readonly int _frameLength;
    private readonly int _hop;
    private readonly int _pad;
    private readonly int _blockFrames;
    private readonly int _pushCapacity;
    private readonly string _source;
    private readonly int _sampleRate;
    private readonly FrameBlockHandler _handler;
    private readonly float[] _buffer;
    private long _start;      // padded index of _buffer[0]
    private int _length;      // valid samples in _buffer
    private long _next;       // padded index where the next frame starts
    private long _received;   // signal samples pushed so far
    private long _frames;     // frames handed on so far
    private bool _leftPadded;
    private bool _completed;

    /// <param name="frameLength">Samples per frame (even); the padding on each side is half of it.</param>
    /// <param name="hop">Samples between frame starts (at most <paramref name="frameLength"/>).</param>
    /// <param name="blockFrames">Frames per block handed to <paramref name="handler"/> (the last block may be shorter).</param>
    /// <param name="source">The file being framed, named in error messages.</param>
    /// <param name="sampleRate">Sample rate, used to state lengths in milliseconds in messages.</param>
    /// <param name="handler">Receives the blocks.</param>
    public CentredFramer(int frameLength, int hop, int blockFrames, string source, int sampleRate, FrameBlockHandler handler)
    {
        if (frameLength < 2 || frameLength % 2 != 0) throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, "frame length must be even and at least 2");
        if (hop < 1 || hop > frameLength) throw new ArgumentOutOfRangeException(nameof(hop), hop, "hop must be in 1..frame length");
        if (blockFrames < 1) throw new ArgumentOutOfRangeException(nameof(blockFrames));
        _frameLength = frameLength;
        _hop = hop;
        _pad = frameLength / 2;
        _blockFrames = blockFrames;
        _source = source;
        _sampleRate = sampleRate;
        _handler = handler;
        _pushCapacity = checked(blockFrames * hop + frameLength);
        _buffer = new float[_pushCapacity + _pad];
        _length = _pad; // room for the left padding, filled once pad + 1 samples have arrived
    }

    /// <summary>Samples the framer holds at most (its whole working memory).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Signal samples pushed so far.</summary>
    public long SamplesReceived => _received;

    /// <summary>Frames handed on so far.</summary>
    public long FramesEmitted => _frames;

    /// <summary>Shortest signal that can be framed (reflect padding needs more than half a frame).</summary>
    public long MinimumSamples => _pad + 1;

    /// <summary>Appends samples; hands on every full block that has become complete.</summary>
    public void Push(ReadOnlySpan<float> samples)
    {
        if (_completed) throw new InvalidOperationException("the framer has already been completed");
        while (!samples.IsEmpty)
        {
            if (_length == _pushCapacity)
            {
                EmitReady(onlyFullBlocks: true);
                Compact();
            }
            int n = Math.Min(samples.Length, _pushCapacity - _length);
            samples[..n].CopyTo(_buffer.AsSpan(_length, n));
            _length += n;
            _received += n;
            samples = samples[n..];
            if (!_leftPadded && _received > _pad) PadLeft();
            if (_leftPadded) EmitReady(onlyFullBlocks: true);
        }
    }

    /// <summary>
    /// Ends the signal: reflect-pads its end and hands on the remaining frames. Returns the total
    /// frame count (<c>1 + N/hop</c>). Throws <see cref="MediaException"/> naming the source when
    /// the signal is too short to be reflect-padded.
    /// </summary>
    public long Complete()
    {
        if (_completed) return _frames;
        if (_received <= _pad)
        {
            throw new MediaException(_source,
                $"audio too short for centred {_frameLength}-sample frames: {_received} samples ({Milliseconds(_received)} ms); " +
                $"reflect padding needs at least {_pad + 1} samples ({Milliseconds(_pad + 1)} ms)");
        }
        _completed = true;
        EmitReady(onlyFullBlocks: true);
        Compact();
        int end = _length; // buffer index just past the last signal sample
        for (int k = 0; k < _pad; k++) _buffer[end + k] = _buffer[end - 2 - k];
        _length += _pad;
        EmitReady(onlyFullBlocks: false);
        long expected = 1 + _received / _hop;
        if (_frames != expected) throw new InvalidOperationException($"framer produced {_frames} frames for {_received} samples, expected {expected}");
        return _frames;
    }

    private void PadLeft()
    {
        // padded[k] = x[pad − k] for k < pad; x[i] sits at buffer index pad + i.
        for (int k = 0; k < _pad; k++) _buffer[k] = _buffer[2 * _pad - k];
        _leftPadded = true;
    }

    private void EmitReady(bool onlyFullBlocks)
    {
        if (!_leftPadded) return;
        long available = _start + _length;
        while (_next + _frameLength <= available)
        {
            long ready = (available - _frameLength - _next) / _hop + 1;
            if (onlyFullBlocks && ready < _blockFrames) return;
            int frames = (int)Math.Min(ready, _blockFrames);
            int offset = (int)(_next - _start);
            int span = (frames - 1) * _hop + _frameLength;
            _handler(_buffer.AsSpan(offset, span), frames);
            _next += (long)frames * _hop;
            _frames += frames;
        }
    }

    private void Compact()
    {
        if (!_leftPadded) return;
        long available = _start + _length;
        // Keep the next frame's samples and the last pad + 1 signal samples (the end's reflection needs them).
        long keepFrom = Math.Min(_next, available - _pad - 1);
        int drop = (int)(keepFrom - _start);
        if (drop <= 0) return;
        Array.Copy(_buffer, drop, _buffer, 0, _length - drop);
        _length -= drop;
        _start = keepFrom;
    }

    private string Milliseconds(long samples) => (1000.0 * samples / _sampleRate).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
