using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Modeling;
using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Training;

public class FeatureSourceTests
{
    [Fact]
    public void ExtractedFeaturesEqualTheOnTheFlyOnes()
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = Manifest.Load(ToneCorpus.Write(dir, "train", 5, 0.3, 2.5, seed: 41));
        var options = new FeatureOptions { Mels = 32 };
        foreach (var format in new[] { FeatureFileFormat.Npy, FeatureFileFormat.SafeTensors })
        {
            var outDir = Path.Combine(dir, "features-" + format);
            var summary = new FeatureExtractionJob(manifest, new ExtractionOptions { OutputDirectory = outDir, Features = [options], Format = format }).Run();
            Assert.True(summary.Succeeded);
            var extracted = new FeatureInput { Settings = new ModelFeatures { Mels = 32 }, ExtractedIndex = summary.IndexPath }.For(manifest);
            var onTheFly = new FeatureInput { Settings = new ModelFeatures { Mels = 32 } }.For(manifest);
            Assert.IsType<ExtractedFeatureSource>(extracted);
            Assert.IsType<AudioFeatureSource>(onTheFly);
            Assert.Equal(32, extracted.Dimension);
            foreach (var u in manifest.Items)
            {
                var a = extracted.Load(u.Id, out int fa);
                var b = onTheFly.Load(u.Id, out int fb);
                Assert.Equal(fb, fa);
                Assert.Equal(b, a);
                Assert.Same(b, onTheFly.Load(u.Id, out _)); // cached
            }
            Assert.False(extracted.Contains("nope"));
            Assert.Throws<KeyNotFoundException>(() => extracted.Load("nope", out _));
        }
        var mismatch = Assert.Throws<ArgumentException>(() => new FeatureInput { ExtractedIndex = Path.Combine(dir, "features-Npy", "index.csv") }.For(manifest));
        Assert.Contains("32 dimensions", mismatch.Message);
    }
}
