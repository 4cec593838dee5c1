namespace SerKit.Synthetic;

/// <summary>Sizes and seed of the generated audiovisual demo corpus (<see cref="DemoCorpus"/>).</summary>
public sealed record DemoCorpusOptions
{
    /// <summary>Speakers of the labelled part.</summary>
    public int Speakers { get; init; } = 8;

    /// <summary>Labelled utterances per speaker and emotion.</summary>
    public int UtterancesPerEmotion { get; init; } = 4;

    /// <summary>Speakers of the unlabelled part (disjoint from the labelled speakers).</summary>
    public int UnlabelledSpeakers { get; init; } = 16;

    /// <summary>Unlabelled utterances per unlabelled speaker (emotions drawn at random, not written).</summary>
    public int UnlabelledUtterances { get; init; } = 40;

    /// <summary>Seed of everything generated: same seed and sizes, same bytes.</summary>
    public long Seed { get; init; }

    /// <summary>Shortest utterance in seconds.</summary>
    public double MinSeconds { get; init; } = 1.5;

    /// <summary>Longest utterance in seconds.</summary>
    public double MaxSeconds { get; init; } = 3.0;

    /// <summary>Share of utterances whose face track loses the face briefly.</summary>
    public double BriefTrackingLossShare { get; init; } = 0.06;

    /// <summary>Labelled utterances whose face track is mostly lost (fewer than half valid frames).</summary>
    public int SevereTrackingLossLabelled { get; init; } = 1;

    /// <summary>Unlabelled utterances whose face track is mostly lost (fewer than half valid frames).</summary>
    public int SevereTrackingLossUnlabelled { get; init; } = 2;

    /// <summary>Utterances rendered in parallel (default: processor count). Does not change the output.</summary>
    public int? Threads { get; init; }

    /// <summary>Audio sample rate in Hz.</summary>
    public const int SampleRate = 16000;

    /// <summary>Face-track frames per second.</summary>
    public const double FrameRate = 30;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Speakers < 1) throw new ArgumentException($"speakers must be at least 1 (got {Speakers})");
        if (UtterancesPerEmotion < 1) throw new ArgumentException($"utterances per emotion must be at least 1 (got {UtterancesPerEmotion})");
        if (UnlabelledSpeakers < 0) throw new ArgumentException($"unlabelled speakers must not be negative (got {UnlabelledSpeakers})");
        if (UnlabelledUtterances < 0) throw new ArgumentException($"unlabelled utterances must not be negative (got {UnlabelledUtterances})");
        if (UnlabelledSpeakers > 0 && UnlabelledUtterances < 1) throw new ArgumentException("unlabelled speakers need at least one utterance each");
        if (!(MinSeconds >= 0.5) || !(MaxSeconds >= MinSeconds) || MaxSeconds > 60)
            throw new ArgumentException($"durations must satisfy 0.5 <= min <= max <= 60 s (got {MinSeconds}–{MaxSeconds})");
        if (!(BriefTrackingLossShare is >= 0 and <= 1)) throw new ArgumentException($"brief tracking-loss share must lie in [0, 1] (got {BriefTrackingLossShare})");
        if (SevereTrackingLossLabelled < 0 || SevereTrackingLossUnlabelled < 0) throw new ArgumentException("severe tracking-loss counts must not be negative");
        if (Threads is < 1) throw new ArgumentException($"threads must be at least 1 (got {Threads})");
    }
}
