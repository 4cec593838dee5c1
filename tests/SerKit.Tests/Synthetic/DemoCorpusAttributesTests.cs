using System.Globalization;
using SerKit.Attributes;
using SerKit.Media;
using SerKit.Synthetic;
using Xunit.Abstractions;

namespace SerKit.Tests.Synthetic;

[Collection(SmallDemoCorpus.Collection)]
public class DemoCorpusAttributesTests(SmallDemoCorpus corpus, ITestOutputHelper output)
{
    [Fact]
    public void EveryUtteranceHasAttributesInOneToSeven()
    {
        foreach (var manifest in new[] { corpus.Result.Labelled, corpus.Result.Unlabelled })
        {
            var table = AttributeTable.Read(manifest, EmotionAttributes.Names);
            Assert.Empty(table.Unrated);
            Assert.All(table.Rated, id => Assert.All(table[id], v => Assert.InRange(v, 1, 7)));
        }
        var header = File.ReadLines(Path.Combine(corpus.Folder, "labelled.csv")).First();
        Assert.Equal("id,path,speaker,label,duration,gender,arousal,valence,dominance", header);
    }

    [Fact]
    public void AttributesFollowTheEmotionAndTheSynthesisedLoudness()
    {
        var labelled = corpus.Result.Labelled;
        var table = AttributeTable.Read(labelled, EmotionAttributes.Names);
        double Mean(string label, int a) => labelled.Items.Where(u => u.Label == label).Average(u => table[u.Id][a]);
        foreach (var e in EmotionProsody.Classes)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e}: arousal {Mean(e, 0):0.00}, valence {Mean(e, 1):0.00}, dominance {Mean(e, 2):0.00}"));
        // Arousal: anger > neutral > sadness; valence: happiness highest; dominance: anger above fear and sadness.
        Assert.True(Mean("ANG", 0) > Mean("NEU", 0) + 1 && Mean("NEU", 0) > Mean("SAD", 0) + 0.5);
        Assert.Equal("HAP", EmotionProsody.Classes.MaxBy(e => Mean(e, 1)));
        Assert.True(Mean("ANG", 2) > Mean("FEA", 2) + 1.5 && Mean("ANG", 2) > Mean("SAD", 2) + 1.5);
        Assert.InRange(Mean("NEU", 1), 3.7, 4.3);

        // Learnable from the speech: within each speaker, arousal follows the level of the audio the utterance was rendered with.
        var arousal = new List<double>();
        var level = new List<double>();
        foreach (var speaker in labelled.Items.GroupBy(u => u.Speaker))
        {
            var a = speaker.Select(u => table[u.Id][0]).ToArray();
            var db = speaker.Select(u =>
            {
                var x = AudioDecoder.ReadAll(labelled.FullPath(u));
                return 10 * Math.Log10(x.Average(v => (double)v * v));
            }).ToArray();
            arousal.AddRange(a.Select(v => v - a.Average()));
            level.AddRange(db.Select(v => v - db.Average()));
        }
        double r = Statistics.Pearson(arousal, level);
        output.WriteLine($"within-speaker r(arousal, RMS level in dB) = {r:0.000} over {arousal.Count} utterances");
        Assert.True(r > 0.5, $"r = {r:0.000}");
    }

    [Fact]
    public void RatingDependsOnTheRealisedVoice()
    {
        var neutral = new VoiceParameters { F0 = 120, F0RangeSemitones = 2, Rate = 4, Intensity = 0.3, Effort = 0.5 };
        Assert.Equal(0, EmotionAttributes.Activation(neutral, neutral));
        Assert.Equal(0, EmotionAttributes.RealisedStrength(neutral, neutral, "ANG"));
        var weak = EmotionProsody.Shift("ANG").ApplyTo(neutral, 0.5);
        var strong = EmotionProsody.Shift("ANG").ApplyTo(neutral, 1.0);
        Assert.Equal(0.5, EmotionAttributes.RealisedStrength(neutral, weak, "ANG"), 6);
        Assert.Equal(1.0, EmotionAttributes.RealisedStrength(neutral, strong, "ANG"), 6);
        var a = EmotionAttributes.Rate(neutral, weak, "ANG", 7);
        var b = EmotionAttributes.Rate(neutral, strong, "ANG", 7);
        Assert.True(b[0] > a[0] + 0.5 && b[1] < a[1] - 0.5 && b[2] > a[2] + 0.5, $"{string.Join(",", a)} vs {string.Join(",", b)}");
        Assert.Equal(a, EmotionAttributes.Rate(neutral, weak, "ANG", 7));
        Assert.Throws<ArgumentException>(() => EmotionAttributes.Rate(neutral, weak, "XYZ", 7));
    }
}
