namespace SerKit.Audio;

/// <summary>
/// Receives <paramref name="frames"/> consecutive frames as one contiguous piece of the padded
/// signal: frame <c>i</c> of the block is <c>segment.Slice(i·hop, frameLength)</c>, so
/// <c>segment.Length == (frames − 1)·hop + frameLength</c>. The span is only valid during the call.
/// </summary>
public delegate void FrameBlockHandler(ReadOnlySpan<float> segment, int frames);
