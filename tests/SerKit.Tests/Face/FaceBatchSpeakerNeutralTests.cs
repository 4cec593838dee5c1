using SerKit.Corpus;
using SerKit.Extraction;
using SerKit.Face;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;
using SerKit.Tests.Synthetic;
using Xunit.Abstractions;

namespace SerKit.Tests.Face;

/// <summary><see cref="FaceBatchJob"/> with the AU neutral pooled per speaker (<see cref="AuNeutral.Speaker"/>).</summary>
public class FaceBatchSpeakerNeutralTests(ITestOutputHelper output)
{
    // The AUs of the generator's expressions (ActionUnitPrototypes) and of its speech (AU25/AU26).
    private static readonly int[] MainAus = { 1, 2, 4, 5, 6, 7, 9, 12, 15, 20, 23, 25, 26 };
    private static readonly string[] Expressive = { "ANG", "DIS", "FEA", "HAP", "SAD" };

    private static FaceTrack LandmarksOnly(FaceTrack t) =>
        new(t.Path, t.Frames.Select(f => f with { AuIntensity = Array.Empty<float>(), AuPresence = Array.Empty<float>() }).ToArray(),
            Array.Empty<int>(), Array.Empty<int>());

    /// <summary>Pearson r per AU and mean absolute error over all AUs, estimate vs the generator's AUxx_r, over tracked frames.</summary>
    private static (Dictionary<int, double> R, double Mae) Agreement(IEnumerable<(FaceTrack Truth, FaceTrack Estimate)> pairs)
    {
        var truth = MainAus.ToDictionary(a => a, _ => new List<double>());
        var estimate = MainAus.ToDictionary(a => a, _ => new List<double>());
        foreach (var (t, e) in pairs)
            for (int k = 0; k < t.Frames.Count; k++)
            {
                if (!t.Frames[k].Success) continue;
                foreach (var au in MainAus)
                {
                    truth[au].Add(t.Frames[k].AuIntensity[t.IntensityIndex(au)]);
                    estimate[au].Add(e.Frames[k].AuIntensity[e.IntensityIndex(au)]);
                }
            }
        var mae = MainAus.SelectMany(a => truth[a].Zip(estimate[a], (x, y) => Math.Abs(x - y))).Average();
        return (MainAus.ToDictionary(a => a, a => Statistics.Pearson(truth[a], estimate[a])), mae);
    }

    /// <summary>
    /// Two speakers (different synthetic faces and voices), 10 clips of 2.5 s each, every clip expressive from early
    /// on (anger, disgust, fear, happiness, sadness at strength 1.2, twice; no neutral clip), drawn by the demo face
    /// generator with its head motion and tracking noise. The job's first stage is the video → landmarks pipeline; here
    /// its cached output (<c>.landmarks/&lt;id&gt;.csv</c>) is the generator's landmarks, so the job runs its second stage,
    /// the pooled neutral, on faces whose true AUs are known.
    /// </summary>
    [SkippableFact]
    public void PooledNeutralRecoversTheGeneratorsAusBetterThanPerVideo()
    {
        var dir = RepoPaths.NewTempFolder();
        var options = new FaceBatchOptions
        {
            OutputDirectory = Path.Combine(dir, "faces"),
            ModelPath = FaceMaterial.LandmarkModel(),
            CascadePath = FaceMaterial.Cascade(),
            Neutral = AuNeutral.Speaker,
            Workers = 2,
        };
        var synth = new FaceSynthesizer(30);
        var voice = new VoiceSynthesizer(GeneratedSpeech.SampleRate);
        var items = new List<Utterance>();
        var truth = new Dictionary<string, FaceTrack>(StringComparer.Ordinal);
        for (int s = 0; s < 2; s++)
        {
            var speaker = (1001 + s).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var face = SyntheticFace.Create(4711 + s);
            var neutralVoice = GeneratedSpeech.Speaker("pooling/" + speaker, female: s == 1);
            for (int j = 0; j < 2 * Expressive.Length; j++)
            {
                var emotion = Expressive[j % Expressive.Length];
                var id = $"{speaker}_{CremaDAudiovisualTree.Sentences[j]}_{emotion}_XX";
                int seed = 1000 * s + j;
                var audio = voice.Render(EmotionProsody.Sample(neutralVoice, emotion, 1.2, seed), 2.5, seed);
                truth[id] = synth.Render(id, face, emotion, 1.2, audio, GeneratedSpeech.SampleRate, seed);
                items.Add(new Utterance(id, $"AudioWAV/{id}.wav", speaker, emotion)
                {
                    Extra = new Dictionary<string, string> { ["video"] = $"VideoFlash/{id}.flv" },
                });
            }
        }
        var manifest = new Manifest(Path.Combine(dir, "corpus"), items);
        var job = new FaceBatchJob(manifest, options);
        foreach (var (id, t) in truth) OpenFaceCsv.Write(job.LandmarksPath(id), LandmarksOnly(t));

        // Per video: the default AU stage of the pipeline (each track's own median), on the same cached landmarks.
        var perVideo = truth.ToDictionary(p => p.Key, p => new ActionUnitEstimator().Apply(OpenFaceCsv.Read(job.LandmarksPath(p.Key))));
        var cached = truth.Keys.ToDictionary(id => id, id => OpenFaceCsv.Read(job.LandmarksPath(id)));

        var summary = job.Run();
        Assert.True(summary.Succeeded, string.Join("; ", summary.Failures.Select(f => f.Problem)));
        Assert.Equal(20, summary.Tracked);
        Assert.Equal(0, summary.Frames); // no video was decoded: stage 1 was cached
        Assert.False(Directory.Exists(Path.Combine(options.OutputDirectory, FaceBatchJob.LandmarksFolder)), "the cache is removed once a speaker is done");
        var pooled = truth.Keys.ToDictionary(id => id, id => OpenFaceCsv.Read(job.TrackPath(id)));

        // The neutral is pooled within a speaker, never across: the job's AUs are those of the estimator given exactly
        // that speaker's tracks.
        foreach (var speaker in items.GroupBy(u => u.Speaker!))
        {
            var ids = speaker.Select(u => u.Id).ToArray();
            var expected = new ActionUnitEstimator().Apply(ids.Select(id => cached[id]).ToArray());
            var round = Path.Combine(dir, "round.csv");
            for (int i = 0; i < ids.Length; i++)
            {
                OpenFaceCsv.Write(round, expected[i]);
                Assert.Equal(File.ReadAllBytes(round), File.ReadAllBytes(job.TrackPath(ids[i])));
            }
        }

        var (rVideo, maeVideo) = Agreement(truth.Keys.Select(id => (truth[id], perVideo[id])));
        var (rSpeaker, maeSpeaker) = Agreement(truth.Keys.Select(id => (truth[id], pooled[id])));
        output.WriteLine($"AU intensity vs the generator, {truth.Values.Sum(t => t.Frames.Count(f => f.Success))} tracked frames of 20 expressive clips:");
        output.WriteLine("AU    r per video   r per speaker");
        foreach (var au in MainAus) output.WriteLine($"AU{au:D2}  {rVideo[au],11:0.00}   {rSpeaker[au],13:0.00}");
        double meanVideo = rVideo.Values.Average(), meanSpeaker = rSpeaker.Values.Average();
        output.WriteLine($"mean r: per video {meanVideo:0.00}, per speaker {meanSpeaker:0.00}; mean |error|: per video {maeVideo:0.00}, per speaker {maeSpeaker:0.00}");
        Assert.True(meanSpeaker > meanVideo + 0.2, $"mean r per speaker {meanSpeaker:0.00} vs per video {meanVideo:0.00}");
        Assert.True(maeSpeaker < 0.7 * maeVideo, $"mean |error| per speaker {maeSpeaker:0.00} vs per video {maeVideo:0.00}");
        Assert.True(meanSpeaker > 0.6, $"mean r per speaker {meanSpeaker:0.00}");
    }

    [Fact]
    public void SpeakerModeWithoutAusIsRefused()
    {
        var options = new FaceBatchOptions
        {
            OutputDirectory = RepoPaths.NewTempFolder(),
            ModelPath = "unused.dat",
            Neutral = AuNeutral.Speaker,
            Video = new FaceVideoOptions { ActionUnits = null },
        };
        var e = Assert.Throws<ArgumentException>(() => new FaceBatchJob(new Manifest(options.OutputDirectory, []), options).Run());
        Assert.Contains("landmarks only", e.Message);
    }

    private static FaceBatchOptions Options(string outDir, Shard? shard = null) => new()
    {
        OutputDirectory = outDir,
        ModelPath = FaceMaterial.LandmarkModel(),
        CascadePath = FaceMaterial.Cascade(),
        Neutral = AuNeutral.Speaker,
        Workers = 2,
        Shard = shard ?? Shard.All,
    };

    private static string[] Tracks(string dir) =>
        Directory.GetFiles(dir, "*.csv").Select(Path.GetFileName).Where(n => !n!.StartsWith("failures", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()!;

    private static readonly object WholeTreeGate = new();
    private static (CremaDAudiovisualTree, FaceBatchJob, FaceBatchSummary)? _wholeTree;

    /// <summary>Speaker mode over every clip of the default CREMA-D-shaped tree, run once per test process.</summary>
    private static (CremaDAudiovisualTree Tree, FaceBatchJob Job, FaceBatchSummary Summary) WholeTreeRun()
    {
        lock (WholeTreeGate)
        {
            if (_wholeTree is { } done) return done;
            var tree = CremaDAudiovisualTree.Get();
            var manifest = CremaD.Load(tree.Root, options: new CremaDOptions { KeepUnlabelled = true });
            var job = new FaceBatchJob(manifest, Options(Path.Combine(RepoPaths.NewTempFolder(), "faces")));
            var run = (tree, job, job.Run());
            _wholeTree = run;
            return run;
        }
    }

    /// <summary>The CREMA-D-shaped tree's FLVs (real face video, MP3 sound) through both stages of speaker mode.</summary>
    [SkippableFact]
    public void SpeakerModeTracksTheCremaDVideosAndPoolsPerActor()
    {
        var (tree, job, summary) = WholeTreeRun();
        var outDir = Path.GetDirectoryName(job.TrackPath("x"))!;
        Assert.True(summary.Succeeded, string.Join("; ", summary.Failures.Select(f => f.Problem)));
        Assert.Equal(tree.Stems.Count, summary.Tracked);
        Assert.False(Directory.Exists(Path.Combine(outDir, FaceBatchJob.LandmarksFolder)));

        var requirements = new FaceRequirements { Landmarks = true, IntensityAus = ActionUnitEstimator.IntensityAus.ToArray(), PresenceAus = ActionUnitEstimator.IntensityAus.ToArray() };
        var tracks = tree.Stems.ToDictionary(s => s, s => OpenFaceCsv.Read(job.TrackPath(s), requirements));
        int frames = tracks.Values.Sum(t => t.Frames.Count), withFace = tracks.Values.Sum(t => t.Frames.Count(f => f.HasValidLandmarks(0.5)));
        output.WriteLine($"{tree.Stems.Count} FLVs, {frames} frames, {withFace} with a face ({100.0 * withFace / frames:0.0} %), {summary.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(summary.Frames, frames);
        Assert.True(withFace >= 0.95 * frames, $"faces in {withFace} of {frames} frames");
        foreach (var (stem, t) in tracks)
        {
            Assert.InRange(t.Frames.Count, (int)(tree.Seconds(stem) * 30) - 1, (int)(tree.Seconds(stem) * 30) + 2);
            Assert.True(t.Frames.Count(f => f.Success) >= 0.8 * t.Frames.Count, $"{stem}: faces in {t.Frames.Count(f => f.Success)} of {t.Frames.Count} frames");
        }

        // One neutral per actor: the AUs are the estimator's over exactly that actor's tracks.
        var actor = tree.Stems.Where(s => CremaDAudiovisualTree.ActorOf(s) == "1003").ToArray();
        var expected = new ActionUnitEstimator().Apply(actor.Select(s => tracks[s]).ToArray());
        var round = Path.Combine(RepoPaths.NewTempFolder(), "round.csv");
        for (int i = 0; i < actor.Length; i++)
        {
            OpenFaceCsv.Write(round, expected[i]);
            Assert.Equal(File.ReadAllBytes(round), File.ReadAllBytes(job.TrackPath(actor[i])));
        }
    }

    /// <summary>
    /// Four actors of the CREMA-D-shaped tree: a run killed (SIGKILL) after some actors are done and others are half
    /// way resumes without recomputing anything, two shards split by actor, and all give the bytes of one clean run
    /// (the whole tree's).
    /// </summary>
    [SkippableFact]
    public void SpeakerModeResumesAfterAKillAndShardsByActor()
    {
        // The reference: the whole tree in one run. The neutral is per actor, so its files for these four actors are
        // what a run over the four alone gives.
        var (tree, wholeJob, wholeSummary) = WholeTreeRun();
        Assert.True(wholeSummary.Succeeded);
        var clean = Path.GetDirectoryName(wholeJob.TrackPath("x"))!;
        var actors = tree.ActorIds.Take(4).ToHashSet();
        var manifest = CremaD.Load(tree.Root, options: new CremaDOptions { KeepUnlabelled = true }).Where(u => actors.Contains(u.Speaker!));
        var dir = RepoPaths.NewTempFolder();
        var manifestPath = Path.Combine(dir, "manifest.csv");
        manifest.Save(manifestPath, ManifestFormat.SerKitCsv);
        var names = manifest.Items.Select(u => u.Id + ".csv").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(12, names.Length);
        var rows = names.ToDictionary(n => n, n => OpenFaceCsv.Read(Path.Combine(clean, n)).Frames.Count);

        // Shards: by actor, so each shard has all or none of an actor's clips; together exactly the clean run's files.
        var sharded = Path.Combine(dir, "sharded");
        foreach (var k in new[] { 1, 2 })
        {
            Assert.True(new FaceBatchJob(manifest, Options(sharded, new Shard(k, 2))).Run().Succeeded);
            var present = Tracks(sharded).Select(n => n[..4]).ToHashSet();
            foreach (var a in present) Assert.Equal(3, Tracks(sharded).Count(n => n.StartsWith(a, StringComparison.Ordinal)));
        }
        Assert.Equal(names, Tracks(sharded));
        foreach (var n in names) Assert.Equal(File.ReadAllBytes(Path.Combine(clean, n)), File.ReadAllBytes(Path.Combine(sharded, n)));

        // Killed with SIGKILL once an actor is done and the next one is under way, then resumed.
        var killed = Path.Combine(dir, "killed");
        string[] args = ["faces", "--manifest", manifestPath, "--root", tree.Root, "-o", killed, "--neutral", "speaker", "-j", "1",
                         "--model", FaceMaterial.LandmarkModel(), "--cascade", FaceMaterial.Cascade()];
        var cache = Path.Combine(killed, FaceBatchJob.LandmarksFolder);
        using (var first = CliRunner.Start(args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            // An actor finished (3 tracks) and the next one's landmarks partly cached.
            bool Midway() => Directory.Exists(killed) && Directory.Exists(cache) && Tracks(killed) is { Length: >= 3 } written &&
                             Directory.GetFiles(cache, "*.csv").Any(f => !written.Contains(Path.GetFileName(f)));
            while (!first.HasExited && DateTime.UtcNow < deadline && !Midway()) Thread.Sleep(2);
            Assert.False(first.HasExited, "the run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        var done = Tracks(killed).ToDictionary(n => n, n => File.GetLastWriteTimeUtc(Path.Combine(killed, n)));
        var cached = Directory.GetFiles(cache, "*.csv").Select(Path.GetFileName).ToArray();
        output.WriteLine($"killed with {done.Count} tracks written and {cached.Length} landmark tracks cached");
        Assert.InRange(done.Count, 3, 11);
        Assert.NotEmpty(cached);
        foreach (var n in done.Keys) Assert.Equal(File.ReadAllBytes(Path.Combine(clean, n)), File.ReadAllBytes(Path.Combine(killed, n)));

        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, stderr);
        Assert.Contains($"already done {done.Count}, failed 0 of 12", stdout);
        int expectedFrames = names.Where(n => !done.ContainsKey(n) && !cached.Contains(n)).Sum(n => rows[n]);
        Assert.Contains($"({expectedFrames} frames in", stdout); // only videos neither finished nor cached are decoded again
        foreach (var (n, stamp) in done) Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(killed, n)));
        Assert.Equal(names, Tracks(killed));
        foreach (var n in names) Assert.Equal(File.ReadAllBytes(Path.Combine(clean, n)), File.ReadAllBytes(Path.Combine(killed, n)));
        Assert.False(Directory.Exists(cache));
        Assert.Empty(Directory.GetFiles(killed, "*.partial", SearchOption.AllDirectories));

        var (bad, _, badError) = CliRunner.InProcess(["faces", "--manifest", manifestPath, "-o", killed, "--neutral", "actor"]);
        Assert.NotEqual(0, bad);
        Assert.Contains("actor", badError);
    }

    /// <summary>The VoxCeleb2-layout tree (224×224 face crops, ids with slashes) through speaker mode, speakers from the folders.</summary>
    [SkippableFact]
    public void SpeakerModeTracksTheVoxCeleb2LayoutClips()
    {
        var tree = VoxCeleb2Tree.Get();
        var manifest = FolderCorpus.Scan(tree.Root, null, new FolderCorpusOptions { SpeakerFromFolder = true })
            .Where(u => u.Speaker == tree.Speakers[0]); // one speaker's 4 clips keep the test short
        var outDir = Path.Combine(RepoPaths.NewTempFolder(), "faces");
        var job = new FaceBatchJob(manifest, Options(outDir) with { Video = new FaceVideoOptions { Every = 3 } });
        var summary = job.Run();
        Assert.True(summary.Succeeded, string.Join("; ", summary.Failures.Select(f => f.Problem)));
        Assert.Equal(manifest.Items.Count, summary.Tracked);
        var frames = manifest.Items.SelectMany(u => OpenFaceCsv.Read(job.TrackPath(u.Id)).Frames).ToList();
        output.WriteLine($"{manifest.Items.Count} clips, {frames.Count} fitted frames (every 3rd), {frames.Count(f => f.Success)} with a face");
        Assert.True(frames.Count(f => f.Success) >= 0.95 * frames.Count);
        Assert.True(File.Exists(Path.Combine(outDir, tree.Files[0][..^4] + ".csv")), "tracks keep the corpus's folders: <id>.csv with id = id000xx/<video>/000nn");
    }
}
