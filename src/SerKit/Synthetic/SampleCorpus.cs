using SerKit.Corpus;
using SerKit.Media;

namespace SerKit.Synthetic;

/// <summary>
/// A small generated speech corpus in SerKit's manifest layout: several speakers (male and
/// female voices) each saying a few utterances in every CREMA-D emotion. Same seed, same
/// bytes. Used by <c>serkit demo</c> and by tests; real corpora are read from their own layouts.
/// </summary>
public static class SampleCorpus
{
    /// <summary>Writes <c>wav/*.wav</c> and <c>manifest.csv</c> into <paramref name="folder"/> and returns the manifest.</summary>
    public static Manifest Write(string folder, int speakers = 4, int utterancesPerClass = 2, int seed = 0, double seconds = 2.0)
    {
        if (speakers < 1 || utterancesPerClass < 1) throw new ArgumentOutOfRangeException(nameof(speakers), "at least one speaker and one utterance per class");
        Directory.CreateDirectory(Path.Combine(folder, "wav"));
        var synth = new VoiceSynthesizer();
        var items = new List<Utterance>();
        for (int s = 0; s < speakers; s++)
        {
            var speakerRng = new Random(HashCode.Combine(seed, s, 17) & int.MaxValue);
            bool female = s % 2 == 1;
            var neutral = new VoiceParameters
            {
                F0 = (female ? 200 : 110) * (0.9 + 0.2 * speakerRng.NextDouble()),
                FormantScale = (female ? 1.17 : 1.0) * (0.97 + 0.06 * speakerRng.NextDouble()),
                Rate = 3.5 + speakerRng.NextDouble(),
            };
            var speaker = $"spk{s + 1:D2}";
            foreach (var emotion in EmotionProsody.Classes)
            {
                for (int k = 0; k < utterancesPerClass; k++)
                {
                    var id = $"{speaker}_{emotion}_{k + 1:D2}";
                    var rel = $"wav/{id}.wav";
                    int utteranceSeed = (int)(SerKit.Extraction.Shard.StableHash($"{seed}/{id}") & int.MaxValue);
                    double length = seconds * (0.85 + 0.3 * new Random(utteranceSeed).NextDouble());
                    var samples = synth.Render(EmotionProsody.Apply(neutral, emotion), length, utteranceSeed);
                    WavFile.Write(Path.Combine(folder, rel), samples, 16000);
                    items.Add(new Utterance(id, rel, speaker, emotion)
                    {
                        Duration = Math.Round(samples.Length / 16000.0, 3),
                    });
                }
            }
        }
        var manifestPath = Path.Combine(folder, "manifest.csv");
        var manifest = new Manifest(folder, items);
        manifest.Save(manifestPath, ManifestFormat.SerKitCsv);
        return Manifest.Load(manifestPath);
    }
}
