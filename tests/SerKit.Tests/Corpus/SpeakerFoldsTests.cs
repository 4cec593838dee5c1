using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class SpeakerFoldsTests : IClassFixture<CremaDTests.Tree>
{
    private static readonly string[] Actors = Enumerable.Range(1001, 91).Select(a => a.ToString()).ToArray();
    private readonly CremaDTree _tree;

    public SpeakerFoldsTests(CremaDTests.Tree tree) => _tree = tree.Value;

    [Fact]
    public void ProportionalSizesForCremaDAre63_14_14()
    {
        Assert.Equal(new FoldSizes(63, 14, 14), FoldSizes.Proportional(91));
        Assert.Equal(new FoldSizes(63, 14, 14), FoldSizes.Resolve(91, null, null, null));
        Assert.Equal(new FoldSizes(63, 14, 14), FoldSizes.Resolve(91, null, 14, 14));
        Assert.Equal(new FoldSizes(6, 2, 2), FoldSizes.Proportional(10)); // 10·14/91 = 1.54 → 2
        Assert.Throws<ArgumentException>(() => FoldSizes.Resolve(91, 60, 14, 14));
        Assert.Throws<ArgumentException>(() => FoldSizes.Resolve(91, 63, null, null));
    }

    [Fact]
    public void CremaDFoldsKeepTheInvariants()
    {
        var folds = SpeakerFolds.Create(Actors, 5, FoldSizes.Proportional(91), seed: 0);
        Assert.Equal(5, folds.Folds.Count);
        foreach (var f in folds.Folds)
        {
            Assert.Equal(63, f.Train.Count);
            Assert.Equal(14, f.Valid.Count);
            Assert.Equal(14, f.Test.Count);
            var all = f.Train.Concat(f.Valid).Concat(f.Test).ToArray();
            Assert.Equal(91, all.Distinct().Count());          // no actor in two parts
            Assert.Equal(Actors, all.Order(StringComparer.Ordinal)); // every actor in one part
            Assert.Equal(f.Test.Order(StringComparer.Ordinal), f.Test);
        }
        var tests = folds.Folds.SelectMany(f => f.Test).ToArray();
        Assert.Equal(70, tests.Distinct().Count()); // test sets pairwise disjoint
        // Fold 1 tests the first 14 actors of the shuffle (tools/splitmix64_reference.py).
        Assert.Equal(new[] { "1059", "1024", "1081", "1035", "1038", "1026", "1018", "1019", "1074", "1012", "1003", "1021", "1051", "1023" }
            .Order(StringComparer.Ordinal), folds.Folds[0].Test);
        // Fold k validates on fold k+1's test speakers.
        for (int k = 0; k < 4; k++) Assert.Equal(folds.Folds[k + 1].Test, folds.Folds[k].Valid);
    }

    [Fact]
    public void SameSeedSameFoldsOtherSeedOtherFolds()
    {
        var a = SpeakerFolds.Create(Actors, 5, FoldSizes.Proportional(91), 0);
        var b = SpeakerFolds.Create(Actors.Reverse(), 5, FoldSizes.Proportional(91), 0); // input order does not matter
        var c = SpeakerFolds.Create(Actors, 5, FoldSizes.Proportional(91), 1);
        Assert.Equal(a.Folds, b.Folds);
        Assert.NotEqual(a.Folds[0].Test, c.Folds[0].Test);
    }

    [Fact]
    public void WrittenFoldsAreIdenticalForTheSameSeedAndLoadBack()
    {
        var m = CremaD.Load(_tree.Root, CremaDLabelRule.Intended);
        var one = RepoPaths.NewTempFolder();
        var two = Path.Combine(RepoPaths.NewTempFolder(), "deeper");
        var other = RepoPaths.NewTempFolder();
        var folds = SpeakerFolds.Create(m, 5, null, 0);
        folds.Write(m, one);
        SpeakerFolds.Create(m, 5, null, 0).Write(m, two);
        SpeakerFolds.Create(m, 5, null, 3).Write(m, other);

        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToArray();
        Assert.Equal(16, files.Length); // folds.json + 5 × 3 manifests
        foreach (var f in files.Where(f => f.EndsWith(".csv")))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, f)), File.ReadAllBytes(Path.Combine(two, f)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(one, "fold1", "test.csv")), File.ReadAllBytes(Path.Combine(other, "fold1", "test.csv")));

        var json = Path.Combine(one, SpeakerFolds.FileName);
        var before = File.ReadAllBytes(json);
        SpeakerFolds.Create(m, 5, null, 0).Write(m, one);
        Assert.Equal(before, File.ReadAllBytes(json));
        var back = SpeakerFolds.Read(json);
        Assert.Equal(folds.Folds, back.Folds);
        Assert.Equal(0, back.Seed);
        Assert.Equal(new FoldSizes(63, 14, 14), back.Sizes);

        for (int k = 1; k <= 5; k++)
        {
            var parts = Enum.GetValues<FoldSplit>().ToDictionary(s => s, s => SpeakerFolds.LoadSplit(json, k, s));
            Assert.Equal(m.Items.Count, parts.Values.Sum(p => p.Items.Count));
            foreach (var (split, part) in parts)
            {
                Assert.Equal(m.Root, part.Root);
                var speakers = folds.Folds[k - 1].Speakers(split).ToHashSet();
                Assert.All(part.Items, u => Assert.Contains(u.Speaker!, speakers));
                Assert.Equal(m.Items.Where(u => speakers.Contains(u.Speaker!)), part.Items);
                Assert.All(part.Items.Take(3), u => Assert.True(File.Exists(part.FullPath(u))));
            }
        }
    }

    [Fact]
    public void OtherFormatsAreWrittenToo()
    {
        var m = CremaD.Load(_tree.Root, CremaDLabelRule.Intended);
        var dir = RepoPaths.NewTempFolder();
        var folds = SpeakerFolds.Create(m, 2, new FoldSizes(63, 14, 14), 5);
        folds.Write(m, dir, ManifestFormat.EmoBoxJsonl);
        Assert.True(File.Exists(Path.Combine(dir, "fold2", "valid.jsonl")));
        var test = SpeakerFolds.LoadSplit(Path.Combine(dir, SpeakerFolds.FileName), 2, FoldSplit.Test);
        Assert.Equal(folds.Select(m, 2, FoldSplit.Test).Items, test.Items);
    }

    [Fact]
    public void GeneralCorporaGetProportionalOrGivenSizes()
    {
        var speakers = Enumerable.Range(0, 10).Select(i => $"s{i:00}").ToArray();
        var p = SpeakerFolds.Create(speakers, 5, FoldSizes.Proportional(10), 0); // 6/2/2, 5 × 2 = 10 test speakers: each tested once
        Assert.Equal(10, p.Folds.SelectMany(f => f.Test).Distinct().Count());

        // 4 folds × 4 test speakers > 10: test sets must overlap, but each fold is still clean.
        var o = SpeakerFolds.Create(speakers, 4, new FoldSizes(4, 2, 4), 9);
        foreach (var f in o.Folds)
        {
            Assert.Equal(10, f.Train.Concat(f.Valid).Concat(f.Test).Distinct().Count());
            Assert.Equal(4, f.Test.Count);
        }
        Assert.Equal(10, o.Folds.SelectMany(f => f.Test).Distinct().Count()); // every speaker is tested at least once

        Assert.Throws<ArgumentException>(() => SpeakerFolds.Create(speakers, 5, new FoldSizes(7, 1, 1), 0));
        Assert.Throws<ArgumentException>(() => SpeakerFolds.Create(speakers, 5, new FoldSizes(10, 0, 0), 0));
    }

    [Fact]
    public void UtterancesWithoutSpeakersAreRefused()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = new Manifest(dir, new[] { new Utterance("a", "a.wav", "s1", "x"), new Utterance("b", "b.wav", null, "y"), new Utterance("c", "c.wav", "s2", "y") });
        var e = Assert.Throws<ManifestException>(() => SpeakerFolds.Create(m, 2, null, 0));
        Assert.Contains("1 utterance(s) have no speaker (first: b)", e.Message);
    }
}
