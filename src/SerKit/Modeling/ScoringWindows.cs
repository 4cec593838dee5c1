namespace SerKit.Modeling;

/// <summary>
/// How utterances are cut for the network. Training crops each utterance to at most
/// <see cref="WindowFrames"/> frames (a random crop); scoring (validation, <c>serkit evaluate</c>,
/// <c>serkit predict</c>, <see cref="SerKit.Inference.SerClassifier"/>) scores an utterance of up to
/// <see cref="WindowFrames"/> frames whole and a longer one in windows of <see cref="WindowFrames"/>
/// starting every <see cref="HopFrames"/> frames, plus one window ending at the last frame, and
/// averages the windows' class posteriors. Defaults: 3 s windows (301 frames = 1 + 48000/160 at a
/// 10 ms hop), 1.5 s hop.
/// </summary>
public sealed record ScoringWindows
{
    /// <summary>Longest input in frames (training crop and scoring window).</summary>
    public int WindowFrames { get; init; } = 301;

    /// <summary>Distance between the starts of consecutive scoring windows.</summary>
    public int HopFrames { get; init; } = 150;

    /// <summary>Throws <see cref="ArgumentException"/> when the window or hop is not positive or the hop exceeds the window.</summary>
    public void Validate()
    {
        if (WindowFrames < 1) throw new ArgumentException($"window frames must be positive (got {WindowFrames})");
        if (HopFrames < 1 || HopFrames > WindowFrames) throw new ArgumentException($"hop frames must be in 1..{WindowFrames} (got {HopFrames})");
    }

    /// <summary>Start frames of the windows over an utterance of <paramref name="frames"/> frames (one window, start 0, when it fits).</summary>
    public IReadOnlyList<int> Starts(int frames)
    {
        if (frames <= WindowFrames) return [0];
        var starts = new List<int>();
        for (int s = 0; s + WindowFrames < frames; s += HopFrames) starts.Add(s);
        starts.Add(frames - WindowFrames);
        return starts;
    }
}
