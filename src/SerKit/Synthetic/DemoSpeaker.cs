namespace SerKit.Synthetic;

/// <summary>A synthetic speaker of the demo corpus: neutral voice, expressivity, face and recording conditions.</summary>
internal sealed record DemoSpeaker(string Id, string Gender, VoiceParameters Voice, double Expressivity, SyntheticFace Face, double SnrDb)
{
    public static DemoSpeaker Create(long seed, string id, bool female)
    {
        var rng = SynthRandom.For(seed, "speaker/" + id);
        var voice = new VoiceParameters
        {
            F0 = female ? rng.Uniform(170, 245) : rng.Uniform(90, 140),
            FormantScale = female ? rng.Uniform(1.12, 1.22) : rng.Uniform(0.95, 1.06),
            F0RangeSemitones = rng.Uniform(1.5, 3.2),
            Rate = rng.Uniform(3.4, 4.8),
            Intensity = rng.Uniform(0.25, 0.4),
            Effort = rng.Uniform(0.35, 0.65),
            Jitter = rng.Uniform(0.006, 0.014),
            Shimmer = rng.Uniform(0.02, 0.05),
            Breathiness = female ? rng.Uniform(0.04, 0.1) : rng.Uniform(0.02, 0.07),
            PauseProbability = rng.Uniform(0.05, 0.15),
        };
        return new DemoSpeaker(id, female ? "F" : "M", voice, rng.Uniform(0.7, 1.3), SyntheticFace.Create(rng.NextSeed()), rng.Uniform(25, 42));
    }
}
