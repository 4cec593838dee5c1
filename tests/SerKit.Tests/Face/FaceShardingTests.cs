using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Face;
using SerKit.Tests.Extraction;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Media;

namespace SerKit.Tests.Face;

/// <summary>N shards of <see cref="FaceBatchJob"/> leave the same files, byte for byte, as one run.</summary>
public class FaceShardingTests
{
    [SkippableFact]
    public void ThreeShardsLeaveTheTracksAndFailuresOfOneRun()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        Directory.CreateDirectory(corpus);
        var items = new List<Utterance>();
        for (int i = 0; i < 4; i++)
        {
            FranckClips.Cut(Path.Combine(corpus, $"v{i}.mp4"), 20 + 31 * i, 1);
            items.Add(new Utterance($"spk{i % 2}/v{i}", $"v{i}.mp4", $"spk{i % 2}", null));
        }
        FfmpegCli.Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-pix_fmt", "yuv420p", "-c:v", "libx264", Path.Combine(corpus, "pattern.mp4"));
        items.Add(new Utterance("pattern", "pattern.mp4", "spk9", null));
        File.WriteAllText(Path.Combine(corpus, "broken.mp4"), "garbage");
        items.Add(new Utterance("broken", "broken.mp4", "spk9", null));
        var manifest = new Manifest(corpus, items);

        FaceBatchSummary Run(string outDir, Shard shard) => new FaceBatchJob(manifest, new FaceBatchOptions
        {
            OutputDirectory = outDir, ModelPath = FaceMaterial.LandmarkModel(), CascadePath = FaceMaterial.Cascade(), Workers = 2, Shard = shard,
        }).Run();

        var whole = Path.Combine(dir, "whole");
        Assert.Equal(2, Run(whole, Shard.All).Failures.Count);
        var sharded = Path.Combine(dir, "sharded");
        int failed = 0;
        foreach (var k in new[] { 2, 3, 1 }) failed += Run(sharded, new Shard(k, 3)).Failures.Count;
        Assert.Equal(2, failed);
        Assert.Equal(4, Directory.GetFiles(sharded, "v*.csv", SearchOption.AllDirectories).Length);
        ShardingTests.SameTree(whole, sharded);
    }
}
