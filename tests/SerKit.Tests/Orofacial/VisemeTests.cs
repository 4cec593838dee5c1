using SerKit.Orofacial;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Orofacial;

/// <summary>Viseme labels: the phone → viseme map, alignment files, and mouth-shape clusters.</summary>
public class VisemeTests
{
    [Theory]
    [InlineData("P", "p_b_m")]
    [InlineData("m", "p_b_m")]
    [InlineData("AH0", "a")]
    [InlineData("iy1", "i")]
    [InlineData("UW2", "u")]
    [InlineData("DH", "th_dh")]
    [InlineData("ZH", "ch_jh_sh")]
    [InlineData("sil", "sil")]
    [InlineData("sp", "sil")]
    [InlineData("", "sil")]
    public void PhonesMapToTheirViseme(string phone, string viseme) =>
        Assert.Equal(viseme, VisemeMap.Classes[VisemeMap.Viseme(phone)]);

    [Fact]
    public void EveryCmuDictPhoneHasAViseme()
    {
        foreach (var p in "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH".Split(' '))
            Assert.True(VisemeMap.TryViseme(p, out _), p);
        Assert.False(VisemeMap.TryViseme("XX", out _));
        Assert.Equal(15, VisemeMap.Classes.Count);
    }

    [Fact]
    public void AlignmentsLabelEveryFeatureFrameByTheIntervalThatCoversIt()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "phones.csv");
        File.WriteAllText(path, "id,start,end,phone,word\na,0,0.05,sil,\na,0.05,0.12,B,bat\na,0.12,0.2,AE1,bat\na,0.25,0.3,T,bat\nb,0.0,0.1,M,\n");
        var al = PhonemeAlignments.Read(path);
        Assert.Equal(new[] { "a", "b" }, al.Ids.Order());
        var v = al.FrameVisemes("a", 35, 0.01);
        int sil = 0, pbm = 1, t = 4, e = 11;
        Assert.Equal(Enumerable.Repeat(sil, 5), v[0..5]);
        Assert.Equal(Enumerable.Repeat(pbm, 7), v[5..12]);
        Assert.Equal(Enumerable.Repeat(e, 8), v[12..20]);
        Assert.Equal(Enumerable.Repeat(-1, 5), v[20..25]); // a gap between 0.20 and 0.25 s
        Assert.Equal(Enumerable.Repeat(t, 5), v[25..30]);
        Assert.Equal(Enumerable.Repeat(-1, 5), v[30..35]); // after the last interval
        Assert.All(al.FrameVisemes("not-aligned", 10, 0.01), x => Assert.Equal(-1, x));
    }

    [Theory]
    [InlineData("id,start,end,phone\na,0.2,0.1,AA\n", "line 2", "end 0.1 is not after start 0.2")]
    [InlineData("id,start,end,phone\na,0,0.1,AA\na,0.1,0.2,QQ\n", "line 3", "unknown phone 'QQ'")]
    [InlineData("id,start,end,phone\na,0,0.1,AA\na,0.05,0.2,B\n", "line 3", "overlaps the one on line 2")]
    [InlineData("id,start,end,phone\na,zero,0.1,AA\n", "line 2", "start 'zero' is not a time")]
    [InlineData("id,begin,end,phone\na,0,0.1,AA\n", "line 1", "missing required column start")]
    public void ABadAlignmentFileIsReportedWithItsLine(string text, string where, string problem)
    {
        var path = Path.Combine(RepoPaths.NewTempFolder(), "phones.csv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<OrofacialFileException>(() => PhonemeAlignments.Read(path));
        Assert.StartsWith(path + ": " + where + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }

    /// <summary>Utterances whose frames show one of three mouths (closed, half open, open), each with small noise.</summary>
    private static OrofacialUtterance[] ThreeMouths(int seed, int utterances = 6, int frames = 50)
    {
        var rng = new Random(seed);
        var items = new OrofacialUtterance[utterances];
        for (int u = 0; u < utterances; u++)
        {
            var shapes = new float[frames * LandmarkTrajectory.Width];
            var valid = new bool[frames];
            for (int f = 0; f < frames; f++)
            {
                valid[f] = f % 10 != 9; // every tenth frame has no landmarks
                if (!valid[f]) continue;
                int mouth = (u + f) % 3;
                var row = shapes.AsSpan(f * LandmarkTrajectory.Width, LandmarkTrajectory.Width);
                for (int i = 0; i < 68; i++) { row[i] = (float)(0.001 * (rng.NextDouble() - 0.5)); row[68 + i] = (float)(0.001 * (rng.NextDouble() - 0.5)); }
                foreach (var p in new[] { 56, 57, 58, 65, 66, 67 }) row[68 + p] += 0.1f * mouth; // lower lip down
            }
            items[u] = new OrofacialUtterance($"u{u}", "s", null, frames, shapes, valid);
        }
        return items;
    }

    [Fact]
    public void KMeansFindsTheMouthShapesAndNumbersThemByOpening()
    {
        var items = ThreeMouths(1);
        var clusters = MouthShapeClusters.Fit(items, 3, seed: 5);
        Assert.Equal(new[] { "m0", "m1", "m2" }, clusters.Classes);
        foreach (var u in items)
        {
            var labels = clusters.FrameVisemes(u);
            for (int f = 0; f < u.Frames; f++)
                Assert.Equal(u.Valid[f] ? (int.Parse(u.Id[1..]) + f) % 3 : -1, labels[f]);
        }
        // Same seed, same centres; the result does not depend on the seed here (well-separated shapes).
        var again = MouthShapeClusters.Fit(items, 3, seed: 5);
        Assert.Equal(clusters.Centroids.SelectMany(c => c), again.Centroids.SelectMany(c => c));
        var other = MouthShapeClusters.Fit(items, 3, seed: 6);
        for (int c = 0; c < 3; c++) Assert.Equal(clusters.Centroids[c], other.Centroids[c], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void MoreClustersThanDistinctShapesStillGivesFiniteCentres()
    {
        // Only two distinct mouths (no noise) for four clusters: clusters that empty out are restarted; nothing is NaN.
        var shapes = new float[20 * LandmarkTrajectory.Width];
        for (int f = 10; f < 20; f++) shapes[f * LandmarkTrajectory.Width + 68 + 66] = 0.2f;
        var u = new OrofacialUtterance("a", null, null, 20, shapes, Enumerable.Repeat(true, 20).ToArray());
        var clusters = MouthShapeClusters.Fit([u], 4, seed: 1);
        Assert.Equal(4, clusters.Count);
        Assert.All(clusters.Centroids, c => Assert.All(c, v => Assert.True(float.IsFinite(v))));
        var labels = clusters.FrameVisemes(u);
        Assert.NotEqual(labels[0], labels[19]);
        Assert.Throws<ArgumentException>(() => MouthShapeClusters.Fit([u], 1, seed: 1));
    }
}
