using SerKit.Corpus;
using SerKit.Pretext;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Pretext;

public class PretextLabelerTests
{
    private static PretextResult Run(Manifest manifest, PretextOptions options) => new PretextLabeler(manifest, options).Run();

    [Fact]
    public void T1IsZNormalisedPerSpeakerAndBalanced()
    {
        var corpus = PretextCorpus.Create();
        var manifest = Manifest.Load(corpus.Manifest);
        var r = Run(manifest, new PretextOptions { Tasks = PretextTasks.T1, Workers = 2 });
        var l = r.Labels.Labels;
        foreach (var id in PretextCorpus.Ids) Assert.InRange(l[id].EnergyDbMean!.Value, PretextCorpus.Level(id) - 0.3, PretextCorpus.Level(id));
        // Within each speaker the two louder utterances are high, although all of s2 is quieter than all of s1.
        Assert.Equal([1, 1, 0, 0, 1, 1, 0, 0], PretextCorpus.Ids.Select(id => l[id].T1));
        Assert.Equal(new PretextTaskCounts(4, 4, 0), r.Summary.T1);
        Assert.Equal(l["s1_0"].EnergyZ!.Value, l["s2_0"].EnergyZ!.Value, 3);
        Assert.Null(l["s1_0"].T2);
        Assert.Null(r.Summary.T2);

        var corpusWide = Run(manifest, new PretextOptions { Tasks = PretextTasks.T1, Energy = new EnergyOptions { Grouping = EnergyGrouping.Corpus } });
        Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0], PretextCorpus.Ids.Select(id => corpusWide.Labels.Labels[id].T1));
    }

    [Fact]
    public void T1GroupsByRecordingWhenSpeakersAreUnknownAndMasksSilence()
    {
        var dir = RepoPaths.NewTempFolder();
        var rows = new List<string> { "id,path,recording" };
        double[] levels = [-10, -20, -30, -40];
        foreach (var rec in new[] { "r1", "r2" })
            for (int k = 0; k < 4; k++)
            {
                var id = $"{rec}_{k}";
                Tones.Write(Path.Combine(dir, id + ".wav"), (1.0, levels[k] - (rec == "r2" ? 15 : 0)));
                rows.Add($"{id},{id}.wav,{rec}");
            }
        Tones.Write(Path.Combine(dir, "silent.wav"), (1.0, null));
        rows.Add("silent,silent.wav,r1");
        Tones.Write(Path.Combine(dir, "alone.wav"), (1.0, -15));
        rows.Add("alone,alone.wav,r3");
        File.WriteAllLines(Path.Combine(dir, "m.csv"), rows);
        var r = Run(Manifest.Load(Path.Combine(dir, "m.csv")), new PretextOptions { Tasks = PretextTasks.T1 });
        var l = r.Labels.Labels;
        Assert.Equal([1, 1, 0, 0], Enumerable.Range(0, 4).Select(k => l[$"r2_{k}"].T1));
        Assert.Equal([1, 1, 0, 0], Enumerable.Range(0, 4).Select(k => l[$"r1_{k}"].T1));
        Assert.Null(l["silent"].T1);        // no speech frames
        Assert.Null(l["silent"].EnergyDbMean);
        Assert.Null(l["alone"].T1);         // the only utterance of its recording: z says nothing
        Assert.Equal(-15, l["alone"].EnergyDbMean!.Value, 1);
        Assert.Equal(new PretextTaskCounts(4, 4, 2), r.Summary.T1);
    }

    [Fact]
    public void T1NormalisesVideosThatAreTheirOwnSpeakerWithinTheirFolder()
    {
        // A folder corpus read without speaker-from-folder: every file is its own speaker (speaker = id),
        // so T1's speaker grouping falls back to the file's folder instead of groups of one.
        var dir = RepoPaths.NewTempFolder();
        double[] levels = [-10, -20, -30, -40];
        foreach (var rec in new[] { "r1", "r2" })
            for (int k = 0; k < 4; k++)
                Tones.Write(Path.Combine(dir, rec, $"{k}.wav"), (1.0, levels[k] - (rec == "r2" ? 15 : 0)));
        var manifest = FolderCorpus.Scan(dir);
        Assert.All(manifest.Items, u => Assert.Equal(u.Id, u.Speaker));
        var l = Run(manifest, new PretextOptions { Tasks = PretextTasks.T1 }).Labels.Labels;
        foreach (var rec in new[] { "r1", "r2" })
            Assert.Equal([1, 1, 0, 0], Enumerable.Range(0, 4).Select(k => l[$"{rec}/{k}"].T1));
        Assert.Equal(l["r1/0"].EnergyZ!.Value, l["r2/0"].EnergyZ!.Value, 3);
    }

    [Fact]
    public void T1VariationModeSplitsOnTheSpreadOfFrameLevels()
    {
        var dir = RepoPaths.NewTempFolder();
        var rows = new List<string> { "id,path,speaker" };
        // Each speaker: two steady utterances and two whose level alternates by 6 or 12 dB; loudness is unrelated.
        foreach (var (spk, offset) in new[] { ("a", 0.0), ("b", -20.0) })
        {
            Tones.Write(Path.Combine(dir, $"{spk}_steady_loud.wav"), (1.0, -10 + offset));
            Tones.Write(Path.Combine(dir, $"{spk}_steady_soft.wav"), (1.0, -25 + offset));
            Tones.Write(Path.Combine(dir, $"{spk}_lively6.wav"), Enumerable.Range(0, 6).Select(i => (0.2, (double?)(-20 + offset - 6 * (i % 2)))).ToArray());
            Tones.Write(Path.Combine(dir, $"{spk}_lively12.wav"), Enumerable.Range(0, 6).Select(i => (0.2, (double?)(-20 + offset - 12 * (i % 2)))).ToArray());
            foreach (var name in new[] { "steady_loud", "steady_soft", "lively6", "lively12" }) rows.Add($"{spk}_{name},{spk}_{name}.wav,{spk}");
        }
        File.WriteAllLines(Path.Combine(dir, "m.csv"), rows);
        var manifest = Manifest.Load(Path.Combine(dir, "m.csv"));
        var variation = Run(manifest, new PretextOptions { Tasks = PretextTasks.T1, Energy = new EnergyOptions { Statistic = EnergyStatistic.Variation } }).Labels.Labels;
        var mean = Run(manifest, new PretextOptions { Tasks = PretextTasks.T1 }).Labels.Labels;
        foreach (var spk in new[] { "a", "b" })
        {
            Assert.Equal(1, variation[$"{spk}_lively6"].T1);
            Assert.Equal(1, variation[$"{spk}_lively12"].T1);
            Assert.Equal(0, variation[$"{spk}_steady_loud"].T1);
            Assert.Equal(0, variation[$"{spk}_steady_soft"].T1);
            Assert.Equal(1, mean[$"{spk}_steady_loud"].T1);
            Assert.Equal(0, mean[$"{spk}_steady_soft"].T1);
        }
        Assert.True(variation["a_lively12"].EnergyZ > variation["a_lively6"].EnergyZ);
    }

    [Fact]
    public void FacesGiveT2AndT3AndMissingOrBrokenFilesAreMaskedAndReported()
    {
        var corpus = PretextCorpus.Create();
        var r = Run(Manifest.Load(corpus.Manifest), new PretextOptions { FacesDirectory = corpus.Faces, Workers = 3 });
        var l = r.Labels.Labels;
        var classes = r.Labels.T3Classes;
        // T2: activation grows with the mouth motion (k + 1 px); the median splits the six usable faces.
        Assert.True(l["s1_3"].Activation > l["s1_2"].Activation && l["s1_2"].Activation > l["s1_1"].Activation && l["s1_1"].Activation > l["s1_0"].Activation);
        Assert.Equal([0, 0, 1, 1, 0, 1, null, null], PretextCorpus.Ids.Select(id => l[id].T2));
        Assert.Equal(new PretextTaskCounts(3, 3, 2), r.Summary.T2);
        // T3 from the AUs.
        Assert.Equal(["happiness", "sadness", "neutral", "neutral", "happiness", "sadness", null, null],
            PretextCorpus.Ids.Select(id => l[id].T3 is { } c ? classes[c] : null));
        Assert.Equal(0.05, l["s1_3"].T3Share!.Value, 9);
        Assert.Equal(1.0, l["s1_0"].T3Share);
        Assert.Equal(1.0, l["s1_0"].ValidFrameShare);
        Assert.Equal([2, 2, 2, 0, 0, 0, 0, 0], r.Summary.T3Counts);
        Assert.Equal(2, r.Summary.T3Masked);
        // T1 still labels every utterance.
        Assert.Equal(new PretextTaskCounts(4, 4, 0), r.Summary.T1);
        // Missing face counted, malformed face reported naming the file.
        Assert.Equal(["s2_3"], r.Summary.MissingFaces);
        var problem = Assert.Single(r.Summary.Problems);
        Assert.Equal("s2_2", problem.Id);
        Assert.Equal("face", problem.Source);
        Assert.Contains(Path.Combine(corpus.Faces, "s2_2.csv"), problem.Message);
        Assert.Contains("confidence", problem.Message);
    }

    [Fact]
    public void TheWorkerCountDoesNotChangeTheOutput()
    {
        var corpus = PretextCorpus.Create();
        var manifest = Manifest.Load(corpus.Manifest);
        var one = Path.Combine(corpus.Root, "out1");
        var three = Path.Combine(corpus.Root, "out3");
        PretextOutput.Write(one, Run(manifest, new PretextOptions { FacesDirectory = corpus.Faces, Workers = 1 }));
        PretextOutput.Write(three, Run(manifest, new PretextOptions { FacesDirectory = corpus.Faces, Workers = 3 }));
        foreach (var f in new[] { "pretext.csv", "pretext.json", "t1_distribution.png", "t2_distribution.png", "t3_distribution.png" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, f)), File.ReadAllBytes(Path.Combine(three, f)));
        var back = PretextLabelSet.Read(one);
        Assert.Equal(PretextCorpus.Ids, back.Items.Select(i => i.Id));
    }

    [Fact]
    public void AManifestFaceColumnOverridesTheFacesFolder()
    {
        var corpus = PretextCorpus.Create();
        var elsewhere = Path.Combine(corpus.Root, "other", "happy.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        File.Copy(Path.Combine(corpus.Faces, "s1_0.csv"), elsewhere);
        var lines = File.ReadAllLines(corpus.Manifest).ToList();
        lines[0] += ",face";
        for (int i = 1; i < lines.Count; i++) lines[i] += lines[i].StartsWith("s2_3,") ? ",other/happy.csv" : ",";
        File.WriteAllLines(corpus.Manifest, lines);
        var r = Run(Manifest.Load(corpus.Manifest), new PretextOptions { Tasks = PretextTasks.T3, FacesDirectory = corpus.Faces });
        Assert.Equal("happiness", r.Labels.T3Classes[r.Labels.Labels["s2_3"].T3!.Value]);
        Assert.Empty(r.Summary.MissingFaces);
        Assert.Null(r.Summary.T1);

        // Without a faces folder only the utterance with a face column has a face.
        var only = Run(Manifest.Load(corpus.Manifest), new PretextOptions { Tasks = PretextTasks.T3 });
        Assert.Equal(7, only.Summary.MissingFaces.Count);
        Assert.Equal(7, only.Summary.T3Masked);

        lines[8] = lines[8].Replace(",other/happy.csv", ",../outside.csv");
        File.WriteAllLines(corpus.Manifest, lines);
        var escaped = Run(Manifest.Load(corpus.Manifest), new PretextOptions { Tasks = PretextTasks.T3 });
        Assert.Contains("escapes", Assert.Single(escaped.Summary.Problems).Message);
    }

    [Fact]
    public void FaceTasksWithoutFacesAreRefused()
    {
        var corpus = PretextCorpus.Create();
        var manifest = Manifest.Load(corpus.Manifest);
        var e = Assert.Throws<ArgumentException>(() => new PretextLabeler(manifest, new PretextOptions { Tasks = PretextTasks.T2 }));
        Assert.Contains("face", e.Message);
        Assert.Throws<ArgumentException>(() => new PretextLabeler(manifest, new PretextOptions { FacesDirectory = Path.Combine(corpus.Root, "nope") }));
        Assert.Throws<ArgumentException>(() => new PretextLabeler(manifest, new PretextOptions { Tasks = PretextTasks.None }));
    }
}
