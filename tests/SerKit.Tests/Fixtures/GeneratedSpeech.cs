using SerKit.Media;
using SerKit.Synthetic;

namespace SerKit.Tests.Fixtures;

/// <summary>
/// Emotional speech for test corpora from SerKit's demo voice (<see cref="VoiceSynthesizer"/> with
/// <see cref="EmotionProsody"/>): a speaker is a neutral voice drawn from a seed (female or male
/// ranges), an utterance that voice shifted by an emotion, 16 kHz mono.
/// </summary>
public static class GeneratedSpeech
{
    public const int SampleRate = 16000;

    /// <summary>The neutral voice of speaker <paramref name="key"/> (deterministic).</summary>
    public static VoiceParameters Speaker(string key, bool female)
    {
        var rng = SynthRandom.For(20240605, "voice/" + key);
        return new VoiceParameters
        {
            F0 = female ? rng.Uniform(170, 240) : rng.Uniform(95, 140),
            FormantScale = female ? rng.Uniform(1.12, 1.22) : rng.Uniform(0.95, 1.06),
            F0RangeSemitones = rng.Uniform(1.5, 3.0),
            Rate = rng.Uniform(3.6, 4.6),
            Intensity = rng.Uniform(0.25, 0.4),
            Effort = rng.Uniform(0.4, 0.6),
            Breathiness = female ? rng.Uniform(0.04, 0.09) : rng.Uniform(0.02, 0.06),
        };
    }

    /// <summary>Writes <paramref name="seconds"/> of <paramref name="speaker"/> speaking with <paramref name="emotion"/> (a CREMA-D code) to a 16-bit WAV.</summary>
    public static void Write(string path, VoiceParameters speaker, string emotion, double seconds, int seed, double strength = 1.0)
    {
        var voice = EmotionProsody.Sample(speaker, emotion, strength, seed);
        var samples = new VoiceSynthesizer(SampleRate).Render(voice, seconds, seed);
        WavFile.Write(path, samples, SampleRate);
    }
}
