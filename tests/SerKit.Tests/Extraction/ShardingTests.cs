using SerKit.Audio;
using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.IO;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Extraction;

/// <summary>N shards of <c>serkit extract</c> leave the same files, byte for byte, as one run over the whole corpus.</summary>
public class ShardingTests
{
    private static readonly FeatureOptions[] LogMelAndEnergy =
    {
        new() { Kind = FeatureKind.LogMel }, new() { Kind = FeatureKind.Energy },
    };

    /// <summary>12 generated utterances plus a broken file, a missing file and two ids that map to the same feature file.</summary>
    private static Manifest Corpus(string dir)
    {
        var m = SampleCorpus.Write(dir, speakers: 2, utterancesPerClass: 1, seed: 5, seconds: 0.5);
        File.WriteAllText(Path.Combine(dir, "broken.wav"), "RIFF but not really");
        var items = m.Items.ToList();
        items.Add(new Utterance("broken", "broken.wav", "spk9", "NEU"));
        items.Add(new Utterance("missing", "missing.wav", "spk9", "NEU"));
        items.Add(new Utterance("twin a", m.Items[0].Path, "spk9", "NEU"));
        items.Add(new Utterance("twin_a", m.Items[1].Path, "spk9", "NEU"));
        var manifest = new Manifest(dir, items);
        manifest.Save(Path.Combine(dir, "manifest.csv"), ManifestFormat.SerKitCsv);
        return manifest;
    }

    private static ExtractionSummary Extract(Manifest m, string outDir, Shard shard) =>
        new FeatureExtractionJob(m, new ExtractionOptions { OutputDirectory = outDir, Features = LogMelAndEnergy, Shard = shard, Workers = 2 }).Run();

    /// <summary>Every file under <paramref name="dir"/> (hidden ones too) by relative path, with its bytes.</summary>
    internal static SortedDictionary<string, byte[]> Tree(string dir) =>
        new(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);

    internal static void SameTree(string expected, string actual)
    {
        var a = Tree(expected);
        var b = Tree(actual);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (file, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[file]), $"{file} differs");
    }

    [Fact]
    public void ThreeShardsInAnyOrderLeaveTheFilesOfOneRun()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = Corpus(Path.Combine(dir, "corpus"));
        var whole = Path.Combine(dir, "whole");
        var one = Extract(m, whole, Shard.All);
        Assert.Equal(3, one.Failures.Count); // broken, missing, the second twin
        Assert.Contains(one.Failures, f => f.Id == "twin_a" && f.Problem.Contains("same output file"));
        Assert.DoesNotContain(FeatureIndex.Read(one.IndexPath), r => r.Id == "twin_a");

        var sharded = Path.Combine(dir, "sharded");
        int total = 0, failed = 0;
        foreach (var k in new[] { 3, 1, 2 })
        {
            var s = Extract(m, sharded, new Shard(k, 3));
            total += s.Total;
            failed += s.Failures.Count;
            Assert.Equal(Path.Combine(sharded, "index.csv"), s.IndexPath);
        }
        Assert.Equal(m.Items.Count, total);
        Assert.Equal(3, failed);
        SameTree(whole, sharded);
        Assert.True(File.Exists(Path.Combine(sharded, "failures.csv")));
        Assert.False(File.Exists(Path.Combine(sharded, FolderLock.FileName)));

        // Rerunning one shard (nothing left to do) changes nothing.
        Extract(m, sharded, new Shard(2, 3));
        SameTree(whole, sharded);
    }

    [Fact]
    public void RerunningTheShardOfAFixedFileUpdatesOnlyItsRows()
    {
        var dir = RepoPaths.NewTempFolder();
        var corpus = Path.Combine(dir, "corpus");
        var m = Corpus(corpus);
        var sharded = Path.Combine(dir, "sharded");
        for (int k = 1; k <= 3; k++) Extract(m, sharded, new Shard(k, 3));
        Assert.Contains("broken", File.ReadAllText(Path.Combine(sharded, "failures.csv")));

        // The broken file is replaced by a good one; only its shard runs again.
        File.Copy(m.FullPath(m.Items[2]), Path.Combine(corpus, "broken.wav"), overwrite: true);
        int shard = Enumerable.Range(1, 3).Single(k => new Shard(k, 3).Contains("broken"));
        var again = Extract(m, sharded, new Shard(shard, 3));
        Assert.Equal(1, again.Extracted);

        var whole = Path.Combine(dir, "whole");
        Extract(m, whole, Shard.All);
        SameTree(whole, sharded);
        Assert.DoesNotContain("broken", File.ReadAllText(Path.Combine(sharded, "failures.csv")));
    }

    [Fact]
    public async Task ShardsRunAtOnceInSeparateProcessesLeaveTheFilesOfOneRun()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = Corpus(Path.Combine(dir, "corpus"));
        var manifest = Path.Combine(dir, "corpus", "manifest.csv");
        var whole = Path.Combine(dir, "whole");
        var sharded = Path.Combine(dir, "sharded");
        Extract(m, whole, Shard.All);

        var processes = Enumerable.Range(1, 3).Select(k => CliRunner.Start("extract", "--manifest", manifest, "-o", sharded,
            "--kind", "logmel,energy", "-j", "1", "--shard", $"{k}/3")).ToList();
        foreach (var p in processes)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            await p.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await p.WaitForExitAsync(timeout.Token);
            Assert.True(p.ExitCode is 0 or 1, await stderr); // 1: its part of the corpus had failing files
            p.Dispose();
        }
        SameTree(whole, sharded);
    }

    [Fact]
    public void SharedCsvKeepsOtherShardsRowsInCorpusOrder()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "failures.csv");
        var ids = Enumerable.Range(0, 40).Select(i => $"u{i:D2}").ToArray();
        int Rank(string id) => Array.IndexOf(ids, id);
        var shards = Enumerable.Range(1, 4).Select(k => new Shard(k, 4)).ToArray();
        foreach (var s in shards.Reverse())
            ShardedCsv.Update(path, s, ids.Where(s.Contains).Select(id => new ExtractionFailure(id, id + ".wav", "bad")).ToList(), f => f.Id, Rank, keepEmpty: false);
        var once = Path.Combine(dir, "once.csv");
        ShardedCsv.Update(once, Shard.All, ids.Select(id => new ExtractionFailure(id, id + ".wav", "bad")).ToList(), f => f.Id, Rank, keepEmpty: false);
        Assert.Equal(File.ReadAllBytes(once), File.ReadAllBytes(path));

        // A shard whose files now all pass takes its rows out; ids that left the corpus are dropped.
        ShardedCsv.Update(path, shards[0], new List<ExtractionFailure>(), f => f.Id, id => id == "u39" ? -1 : Rank(id), keepEmpty: false);
        var left = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.Where(id => !shards[0].Contains(id) && id != "u39"), left);

        // Nothing left: the file goes.
        foreach (var s in shards) ShardedCsv.Update(path, s, new List<ExtractionFailure>(), f => f.Id, Rank, keepEmpty: false);
        Assert.False(File.Exists(path));
    }
}
