using SerKit.Audio;
using SerKit.Extraction;
using SerKit.Runtime;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Training;
using TorchSharp;

namespace SerKit.Tests.Extraction;

/// <summary>Extraction runs libtorch at one intra-op thread per worker, so total threads ≈ workers.</summary>
[Collection(TorchTrainingCollection.Name)] // sets libtorch's process-wide thread count
public class ExtractionThreadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LibtorchRunsOneThreadPerWorker(int workers)
    {
        var dir = RepoPaths.NewTempFolder();
        var manifest = SampleCorpus.Write(Path.Combine(dir, "corpus"), speakers: 1, utterancesPerClass: 1, seed: 5, seconds: 0.3);
        TorchRuntime.Start();
        int before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(Math.Max(2, Environment.ProcessorCount)); // what libtorch starts with on a multi-core machine
            var summary = new FeatureExtractionJob(manifest, new ExtractionOptions
            {
                OutputDirectory = Path.Combine(dir, "out"), Features = [new FeatureOptions { Kind = FeatureKind.LogMel }], Workers = workers,
            }).Run();
            Assert.True(summary.Succeeded);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
