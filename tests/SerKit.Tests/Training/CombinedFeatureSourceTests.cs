using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Training;

public class CombinedFeatureSourceTests
{
    [Fact]
    public void TwoCorporaWithTheSameIdsAreReadApartThroughCorpusPrefixes()
    {
        var dir = RepoPaths.NewTempFolder();
        // Both corpora have utterances u000, u001, u002, with different audio.
        var a = Manifest.Load(ToneCorpus.Write(Path.Combine(dir, "a"), "u", 3, 0.3, 0.6, seed: 1));
        var b = Manifest.Load(ToneCorpus.Write(Path.Combine(dir, "b"), "u", 3, 0.7, 1.0, seed: 2));
        var options = new FeatureOptions { Mels = 16 };
        string Extract(Manifest m, string name) =>
            new FeatureExtractionJob(m, new ExtractionOptions { OutputDirectory = Path.Combine(dir, "features", name), Features = [options] }).Run().IndexPath;
        var indexes = new Dictionary<string, string> { ["a"] = Extract(a, "a"), ["b"] = Extract(b, "b") };

        var input = new FeatureInput { Settings = new ModelFeatures { Mels = 16 }, ExtractedCorpora = indexes };
        var combined = Assert.IsType<CombinedFeatureSource>(input.For(a));
        Assert.Equal(16, combined.Dimension);
        foreach (var (name, manifest) in new[] { ("a", a), ("b", b) })
        {
            var own = new ExtractedFeatureSource(indexes[name]);
            foreach (var u in manifest.Items)
            {
                var key = CombinedFeatureSource.Key(name, u.Id);
                Assert.Equal(name + "/" + u.Id, key);
                Assert.True(combined.Contains(key));
                Assert.Equal(own.Load(u.Id, out int expected), combined.Load(key, out int frames));
                Assert.Equal(expected, frames);
            }
        }
        combined.Load("a/u000", out int fa);
        combined.Load("b/u000", out int fb);
        Assert.True(fb > fa, "the same id in two corpora must give each corpus's own features");

        Assert.False(combined.Contains("u000"));
        Assert.False(combined.Contains("c/u000"));
        Assert.Contains("no corpus 'c'", Assert.Throws<KeyNotFoundException>(() => combined.Load("c/u000", out _)).Message);
        Assert.Throws<KeyNotFoundException>(() => combined.Load("a/nope", out _));
        Assert.True(CombinedFeatureSource.TrySplit("vox/id001/clip/00001", out var corpus, out var id));
        Assert.Equal(("vox", "id001/clip/00001"), (corpus, id));

        // Corpora extracted with other settings, or both ways of giving indexes, are refused.
        var other = new FeatureExtractionJob(a, new ExtractionOptions { OutputDirectory = Path.Combine(dir, "features", "a32"), Features = [new FeatureOptions { Mels = 32 }] }).Run().IndexPath;
        Assert.Contains("32 dimensions", Assert.Throws<ArgumentException>(() =>
            (input with { ExtractedCorpora = new Dictionary<string, string> { ["a"] = indexes["a"], ["c"] = other } }).For(a)).Message);
        Assert.Throws<ArgumentException>(() => (input with { ExtractedIndex = indexes["a"] }).For(a));
        Assert.Contains("different dimensions", Assert.Throws<ArgumentException>(() => new CombinedFeatureSource(new Dictionary<string, IFeatureSource>
        {
            ["a"] = new ExtractedFeatureSource(indexes["a"]), ["c"] = new ExtractedFeatureSource(other),
        })).Message);
    }
}
