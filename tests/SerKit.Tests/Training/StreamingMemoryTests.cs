using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Pretext;
using SerKit.Runtime;
using SerKit.Tests.Fixtures;
using SerKit.Training;
using Xunit.Abstractions;

namespace SerKit.Tests.Training;

/// <summary>
/// Pre-training on features of a <c>serkit extract</c> output streams them: the managed heap, measured after a full
/// collection at every progress report (after each chunk of the normalisation pass and each epoch), does not grow
/// with the corpus. The same measurement with features computed on the fly (whose in-memory cache keeps every
/// utterance) grows by about the size of the added features, which shows that it would catch a corpus held in memory.
/// </summary>
[Collection(TorchTrainingCollection.Name)]
public class StreamingMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void PretrainingOnExtractedFeaturesKeepsTheHeapFlatAsTheCorpusGrows()
    {
        var dir = RepoPaths.NewTempFolder();
        var all = Manifest.Load(ToneCorpus.Write(dir, "u", 160, 4.0, 4.0, seed: 3));
        var small = all.Where(u => int.Parse(u.Id[1..]) < 40);
        var features = Path.Combine(dir, "features");
        Assert.True(new FeatureExtractionJob(all, new ExtractionOptions { OutputDirectory = features, Workers = 2 }).Run().Succeeded);
        var labels = new PretextLabelSet([], all.Items.Select(u => new PretextLabels(u.Id, u.Label == "HIGH" ? 1 : 0, null, null)));
        var index = FeatureIndex.Read(Path.Combine(features, "index.csv"));
        double added = index.Where(r => !small.Items.Any(u => u.Id == r.Id)).Sum(r => r.Frames * (double)r.Dims * sizeof(float));

        long Peak(Manifest m, FeatureInput input)
        {
            long peak = 0;
            var progress = new SynchronousProgress<TrainingProgress>(_ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true)));
            Pretraining.Run(new PretrainingRequest(m, labels, Path.Combine(dir, "model-" + Guid.NewGuid().ToString("N")))
            {
                Tasks = ["t1"], Weights = [1], Encoder = ToneCorpus.TinyEncoder,
                Options = new TrainingOptions { Epochs = 1, BatchSize = 16, Seed = 2 }, Features = input,
            }, progress);
            return peak;
        }

        var extracted = new FeatureInput { ExtractedIndex = Path.Combine(features, "index.csv") };
        // The small corpus first: what stays allocated after a first run (JIT, libtorch, statics) is then in both figures.
        double extractedSmall = Peak(small, extracted);
        double extractedGrowth = Peak(all, extracted) - extractedSmall;
        var onTheFly = new FeatureInput();
        double cachedSmall = Peak(small, onTheFly);
        double cachedGrowth = Peak(all, onTheFly) - cachedSmall;

        output.WriteLine($"added features {added / 1e6:0.00} MB; heap growth: extracted {extractedGrowth / 1e6:0.00} MB, on the fly (cached) {cachedGrowth / 1e6:0.00} MB");
        Assert.True(extractedGrowth < 0.15 * added, $"extracted features: the heap grew by {extractedGrowth / 1e6:0.00} MB for {added / 1e6:0.00} MB more features");
        Assert.True(cachedGrowth > 0.7 * added, $"features on the fly (cached): the heap grew by only {cachedGrowth / 1e6:0.00} MB for {added / 1e6:0.00} MB more features");
    }
}
