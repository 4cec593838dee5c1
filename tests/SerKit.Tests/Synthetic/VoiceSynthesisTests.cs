using SerKit.Audio;
using SerKit.Media;
using SerKit.Synthetic;
using Xunit.Abstractions;

namespace SerKit.Tests.Synthetic;

[Collection(SmallDemoCorpus.Collection)]
public class VoiceSynthesisTests(SmallDemoCorpus corpus, ITestOutputHelper output)
{
    private sealed record Prosody(string Speaker, string Label, double EnergyDb, double EnergySd, double F0, double F0Sd, double Voiced);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<Prosody>> Measured = new();

    private List<Prosody> Measure() => Measured.GetOrAdd(corpus.Folder, _ => MeasureAll());

    private List<Prosody> MeasureAll()
    {
        var energy = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.Energy });
        var pitch = FeatureExtractors.Create(new FeatureOptions { Kind = FeatureKind.F0 });
        var list = new List<Prosody>();
        foreach (var u in corpus.Result.Labelled.Items)
        {
            var audio = AudioDecoder.ReadAll(Path.Combine(corpus.Folder, u.Path));
            var e = energy.Compute(audio, out int frames);
            var f = pitch.Compute(audio, out _);
            double max = e.ToArray().Max();
            var speech = Enumerable.Range(0, frames).Where(t => e[t] > max - 30).Select(t => (double)e[t]).ToArray();
            var f0 = Enumerable.Range(0, frames).Where(t => f[2 * t] > 0).Select(t => Math.Log(f[2 * t])).ToArray();
            list.Add(new Prosody(u.Speaker!, u.Label!, speech.Average(), Sd(speech), f0.Average(), Sd(f0), f0.Length / (double)frames));
        }
        return list;
    }

    private static double Sd(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / Math.Max(1, x.Length - 1));
    }

    [Fact]
    public void ProsodyFollowsTheEmotionWithinSpeakers()
    {
        var p = Measure();
        // Within each speaker: anger and happiness louder and higher than sadness.
        foreach (var speaker in p.Select(x => x.Speaker).Distinct())
        {
            double Mean(string label, Func<Prosody, double> of) => p.Where(x => x.Speaker == speaker && x.Label == label).Average(of);
            foreach (var high in new[] { "ANG", "HAP" })
            {
                Assert.True(Mean(high, x => x.EnergyDb) > Mean("SAD", x => x.EnergyDb), $"{speaker}: energy {high} vs SAD");
                Assert.True(Mean(high, x => x.F0) > Mean("SAD", x => x.F0), $"{speaker}: F0 {high} vs SAD");
            }
        }
        foreach (var c in EmotionProsody.Classes)
            output.WriteLine($"{c}: energy {p.Where(x => x.Label == c).Average(x => x.EnergyDb):0.0} dB, F0 {Math.Exp(p.Where(x => x.Label == c).Average(x => x.F0)):0} Hz, voiced {p.Where(x => x.Label == c).Average(x => x.Voiced):P0}");
    }

    [Fact]
    public void EmotionIsLearnableAcrossSpeakersButNotTrivially()
    {
        // Leave-one-speaker-out nearest class centroid on z-scored prosodic statistics.
        var p = Measure();
        double[] Features(Prosody x) => new[] { x.EnergyDb, x.EnergySd, x.F0, x.F0Sd, x.Voiced };
        int correct = 0;
        foreach (var speaker in p.Select(x => x.Speaker).Distinct())
        {
            var train = p.Where(x => x.Speaker != speaker).ToList();
            int d = Features(train[0]).Length;
            var mean = Enumerable.Range(0, d).Select(j => train.Average(x => Features(x)[j])).ToArray();
            var sd = Enumerable.Range(0, d).Select(j => Sd(train.Select(x => Features(x)[j]).ToArray())).ToArray();
            double[] Z(Prosody x) => Features(x).Select((v, j) => (v - mean[j]) / sd[j]).ToArray();
            var centroids = EmotionProsody.Classes.ToDictionary(c => c,
                c => Enumerable.Range(0, d).Select(j => train.Where(x => x.Label == c).Average(x => Z(x)[j])).ToArray());
            foreach (var x in p.Where(x => x.Speaker == speaker))
            {
                var z = Z(x);
                var guess = centroids.MinBy(kv => kv.Value.Select((v, j) => (v - z[j]) * (v - z[j])).Sum()).Key;
                if (guess == x.Label) correct++;
            }
        }
        double accuracy = correct / (double)p.Count;
        output.WriteLine($"leave-one-speaker-out nearest-centroid accuracy on prosodic statistics: {accuracy:P1} (chance 16.7 %)");
        Assert.InRange(accuracy, 0.3, 0.85);
    }

    [Fact]
    public void SampleCorpusStillRenders()
    {
        var dir = Fixtures.RepoPaths.NewTempFolder();
        var m = SampleCorpus.Write(dir, speakers: 2, utterancesPerClass: 1, seed: 1, seconds: 0.6);
        Assert.Equal(12, m.Items.Count);
        foreach (var u in m.Items)
        {
            var audio = AudioDecoder.ReadAll(m.FullPath(u));
            Assert.InRange(audio.Max(Math.Abs), 0.05, 1.0);
        }
    }
}
