using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using SerKit.Face;
using SerKit.Media;
using SerKit.Synthetic;
using SerKit.Tests.Fixtures;
using Xunit.Abstractions;

namespace SerKit.Tests.Synthetic;

[Collection(SmallDemoCorpus.Collection)]
public class DemoCorpusTests(SmallDemoCorpus corpus, ITestOutputHelper output)
{
    [Fact]
    public void LayoutFollowsTheContract()
    {
        var r = corpus.Result;
        Assert.Equal(4 * 6 * 3, r.Labelled.Items.Count);
        Assert.Equal(2 * 6, r.Unlabelled.Items.Count);
        Assert.Empty(r.Labelled.Speakers.Intersect(r.Unlabelled.Speakers));
        Assert.All(r.Unlabelled.Items, u => Assert.Null(u.Label));
        Assert.Equal(EmotionProsody.Classes, r.Labelled.Labels.Order());
        foreach (var label in EmotionProsody.Classes)
            Assert.Equal(4 * 3, r.Labelled.Items.Count(u => u.Label == label));
        Assert.DoesNotContain(r.Unlabelled.Items, u => EmotionProsody.Classes.Any(c => u.Id.Contains(c)));
        var unlabelledText = File.ReadAllText(Path.Combine(corpus.Folder, "unlabelled.csv"));
        Assert.DoesNotContain(unlabelledText.Split('\n').Skip(1), line => EmotionProsody.Classes.Any(c => line.Contains("," + c)));

        foreach (var u in r.Labelled.Items.Concat(r.Unlabelled.Items))
        {
            Assert.Equal($"wav/{u.Id}.wav", u.Path);
            var wav = Path.Combine(corpus.Folder, u.Path);
            double seconds = WavFile.Duration(wav);
            Assert.InRange(seconds, 1.5, 3.0);
            Assert.Equal(seconds, u.Duration!.Value, 3);
            var track = OpenFaceCsv.Read(Path.Combine(corpus.Folder, "faces", u.Id + ".csv"), new FaceRequirements
            {
                Landmarks = true, IntensityAus = FaceTrack.OpenFaceIntensityAus, PresenceAus = FaceTrack.OpenFacePresenceAus,
            });
            Assert.Equal((int)Math.Round(seconds * 30), track.Frames.Count);
            Assert.Equal(0, track.Frames[0].Timestamp);
            Assert.InRange(track.Frames[^1].Timestamp, seconds - 1.5 / 30, seconds);
            Assert.All(track.Frames.Where(f => f.Success && f.Confidence >= 0.9), f => Assert.InRange(f.Confidence, 0.95, 0.98));
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus.Folder, "corpus.json")));
        Assert.Equal(11, json.RootElement.GetProperty("seed").GetInt64());
        Assert.Equal(16000, json.RootElement.GetProperty("sample_rate").GetInt32());
    }

    [Fact]
    public void SomeFaceTracksLoseTheFace()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus.Folder, "corpus.json")));
        foreach (var part in new[] { "labelled", "unlabelled" })
        {
            var severe = json.RootElement.GetProperty(part).GetProperty("severe_tracking_loss").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(part == "labelled" ? 1 : 2, severe.Length);
            foreach (var id in severe)
            {
                var track = OpenFaceCsv.Read(Path.Combine(corpus.Folder, "faces", id + ".csv"));
                int valid = track.Frames.Count(f => f.HasValidLandmarks(0.8));
                Assert.True(valid < track.Frames.Count / 2, $"{id}: {valid} of {track.Frames.Count} frames valid");
                Assert.All(track.Frames.Where(f => !f.Success), f => Assert.True(f.Confidence < 0.3));
            }
        }
        Assert.True(corpus.Result.FailedFaceFrames > 0);
        Assert.True(corpus.Result.FailedFaceFrames < corpus.Result.FaceFrames / 10);
    }

    [Fact]
    public void SameSeedSameBytesDifferentSeedDifferentBytes()
    {
        var options = new DemoCorpusOptions { Speakers = 2, UtterancesPerEmotion = 1, UnlabelledSpeakers = 1, UnlabelledUtterances = 4, Seed = 5 };
        var a = RepoPaths.NewTempFolder();
        var b = RepoPaths.NewTempFolder();
        var c = RepoPaths.NewTempFolder();
        DemoCorpus.Write(a, options with { Threads = 1 });
        DemoCorpus.Write(b, options with { Threads = 2 });
        DemoCorpus.Write(c, options with { Seed = 6 });
        var ha = Hashes(a);
        Assert.Equal(2 * 6 + 4, Directory.GetFiles(Path.Combine(a, "wav")).Length);
        Assert.Equal(2 + 2 * (2 * 6 + 4), ha.Count - 1);
        Assert.Equal(ha, Hashes(b));
        var hc = Hashes(c);
        Assert.Equal(ha.Keys.Order(), hc.Keys.Order());
        foreach (var key in ha.Keys.Where(k => k.StartsWith("wav/") || k.StartsWith("faces/")))
            Assert.NotEqual(ha[key], hc[key]);

        // Regenerating into a previous corpus gives the same bytes again; a foreign non-empty folder is refused.
        DemoCorpus.Write(a, options);
        Assert.Equal(ha, Hashes(a));
        var foreign = RepoPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
        Assert.Throws<IOException>(() => DemoCorpus.Write(foreign, options));
        foreach (var d in new[] { a, b, c, foreign }) Directory.Delete(d, recursive: true);
    }

    [Fact]
    public void DefaultCorpusIsGeneratedQuickly()
    {
        var dir = RepoPaths.NewTempFolder();
        var clock = Stopwatch.StartNew();
        var result = DemoCorpus.Write(dir);
        clock.Stop();
        output.WriteLine($"default demo corpus: {result.Labelled.Items.Count} labelled + {result.Unlabelled.Items.Count} unlabelled utterances, "
            + $"{result.AudioSeconds / 60:0.0} min of audio, {result.FaceFrames} face frames, generated in {clock.Elapsed.TotalSeconds:0.0} s "
            + $"on {Environment.ProcessorCount} cores");
        Assert.Equal(8 * 6 * 4, result.Labelled.Items.Count);
        Assert.Equal(16 * 40, result.Unlabelled.Items.Count);
        Assert.True(clock.Elapsed.TotalSeconds < 45, $"generation took {clock.Elapsed.TotalSeconds:0.0} s");
        Directory.Delete(dir, recursive: true);
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
